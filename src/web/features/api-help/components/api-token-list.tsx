import { useQuery } from '@tanstack/react-query'
import { toast } from 'sonner'
import type { ApiTokenInfo } from '@shared/auth'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { apiTokensQuery, useRevokeApiToken } from '@/features/api-help/api/api-tokens'
import { formatDateTime } from '@/lib/dates'

const expired = (t: ApiTokenInfo) => t.expiresAt !== null && Date.parse(t.expiresAt) <= Date.now()

/** The company's API tokens: who issued each, when it was last used, and a way to revoke it. */
export function ApiTokenList() {
  const tokens = useQuery(apiTokensQuery())
  if (tokens.isPending) return <LoadingState />
  if (tokens.isError) return <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
  if (tokens.data.items.length === 0) return <p className="text-sm text-slate-600">Токенов ещё не выпускали.</p>
  return (
    <table className="w-full text-left text-sm">
      <caption className="pb-2 text-left text-sm font-medium text-slate-800">Выпущенные токены</caption>
      <thead className="border-b border-slate-200 text-xs text-slate-600">
        <tr>
          <th scope="col" className="py-2 pr-3 font-medium">
            Название
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            Выпущен
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            Действует до
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            Использован
          </th>
          <th scope="col" className="py-2 font-medium">
            <span className="sr-only">Действия</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.data.items.map((token) => (
          <TokenRow key={token.id} token={token} />
        ))}
      </tbody>
    </table>
  )
}

function TokenRow({ token }: { token: ApiTokenInfo }) {
  const revoke = useRevokeApiToken()
  return (
    <tr className="border-b border-slate-100">
      <td className="py-2 pr-3 font-medium text-slate-900">{token.name}</td>
      <td className="py-2 pr-3 text-slate-700">
        {formatDateTime(token.createdAt)}
        {token.createdBy && <span className="block text-xs text-slate-600">{token.createdBy.name}</span>}
      </td>
      <td className="py-2 pr-3 text-slate-700">{token.expiresAt ? formatDateTime(token.expiresAt) : 'бессрочно'}</td>
      <td className="py-2 pr-3 text-slate-700">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'ещё нет'}</td>
      <td className="py-2 text-right">
        {token.revokedAt ? (
          <Badge tone="red">Отозван</Badge>
        ) : expired(token) ? (
          <Badge>Истёк</Badge>
        ) : (
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm">
                Отозвать
              </Button>
            }
            title={`Отозвать токен «${token.name}»?`}
            description="Интеграции с этим токеном перестанут работать через несколько секунд. Вернуть его нельзя: выпустите новый."
            confirmLabel="Отозвать"
            mutation={revoke}
            onConfirm={(close) =>
              revoke.mutate(token.id, { onSuccess: () => (close(), toast.success(`Токен «${token.name}» отозван`)) })
            }
          />
        )}
      </td>
    </tr>
  )
}
