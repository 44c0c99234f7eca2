import { useQuery } from '@tanstack/react-query'
import { KeyRound } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { CopyButton } from '@/components/ui/copy-button'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { formatDateTime } from '@/lib/dates'
import { channelSecretQuery, useRotateChannelSecret } from '@/features/webhooks/api/webhooks'
import { DeliveryLog } from './delivery-log'

/** The key the channels' callbacks (callbackUrl, eventCallbackUrl) are signed with, and changing it. */
export function ChannelSecret() {
  const secret = useQuery(channelSecretQuery())
  const rotate = useRotateChannelSecret()
  if (secret.isPending) return <LoadingState />
  if (secret.isError) return <ErrorState error={secret.error} onRetry={() => void secret.refetch()} />
  const { previousSecretUntil } = secret.data
  return (
    <div className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <p className="text-sm text-slate-700">
        Обратные вызовы каналов (callbackUrl и eventCallbackUrl) подписаны по Standard Webhooks этим ключом, как
        вебхуки.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="channel-secret" className="text-sm font-medium text-slate-800">
          Ключ подписи
        </label>
        <input
          id="channel-secret"
          readOnly
          value={secret.data.secret}
          onFocus={(e) => e.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs"
        />
        <CopyButton value={secret.data.secret} what="Ключ подписи" />
        <Button
          variant="secondary"
          size="sm"
          disabled={rotate.isPending}
          onClick={() =>
            rotate.mutate(undefined, {
              onSuccess: () => toast.success('Ключ сменён: прежний подписывает ещё сутки'),
              onError: (error) => toast.error(error.message),
            })
          }
        >
          <KeyRound aria-hidden className="size-4" /> Сменить ключ
        </Button>
      </div>
      {previousSecretUntil && (
        <p className="text-xs text-slate-600">Прежний ключ подписывает до {formatDateTime(previousSecretUntil)}.</p>
      )}
    </div>
  )
}

/** What went to a chat's dialogue callbacks, with every attempt and «Отправить снова». */
export const ChatCallbacksLog = ({ chatId }: { chatId: string }) => (
  <DeliveryLog logPath={`/chats/${chatId}/callbacks`} label="Журнал обратных вызовов" />
)
