import { Check, Copy, KeyRound } from 'lucide-react'
import { useId, useRef, useState } from 'react'
import { API_TOKEN_TTL_DAYS } from '@shared/auth'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Spinner } from '@/components/ui/spinner'
import { formatDateTime } from '@/lib/dates'
import { useIssueApiToken } from '@/features/api-help/api/api-tokens'
import { ApiTokenList } from './api-token-list'

export function ApiTokenPanel() {
  const id = useId()
  const issue = useIssueApiToken()
  const [name, setName] = useState('')
  const [ttl, setTtl] = useState<string>(String(API_TOKEN_TTL_DAYS[0]))
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle')
  const field = useRef<HTMLTextAreaElement>(null)

  const copyToken = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token)
      setCopy('copied')
    } catch {
      // No clipboard (plain http, or permission refused): select the text for Ctrl+C instead.
      field.current?.select()
      setCopy('failed')
    }
  }

  return (
    <section aria-labelledby="api-token-heading" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="api-token-heading" className="text-base font-semibold">
        API-токен
      </h2>
      <p className="text-sm text-slate-700">
        Токен действует от вашего имени, пока вы активны и остаётесь администратором, и его можно отозвать. Храните его
        как пароль: с ним доступны данные вашей компании. Показывается он один раз.
      </p>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault()
          setCopy('idle')
          issue.mutate({ name: name.trim() || undefined, ttlDays: ttl === 'none' ? null : Number(ttl) })
        }}
      >
        <div className="min-w-48 flex-1 space-y-1.5">
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-800">
            Для чего
          </label>
          <Input
            id={`${id}-name`}
            value={name}
            maxLength={100}
            placeholder="CRM, Swagger…"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-ttl`} className="block text-sm font-medium text-slate-800">
            Срок
          </label>
          <select
            id={`${id}-ttl`}
            value={ttl}
            onChange={(e) => setTtl(e.target.value)}
            className="h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm"
          >
            {API_TOKEN_TTL_DAYS.map((days) => (
              <option key={days} value={days}>
                {days} дней
              </option>
            ))}
            <option value="none">Бессрочно</option>
          </select>
        </div>
        <Button type="submit" disabled={issue.isPending}>
          {issue.isPending ? <Spinner /> : <KeyRound aria-hidden className="size-4" />} Выпустить токен
        </Button>
      </form>
      {issue.isError && (
        <p role="alert" className="text-sm text-red-700">
          {issue.error.message}
        </p>
      )}
      {issue.data && (
        <div className="space-y-2">
          <label htmlFor="api-token" className="block text-sm font-medium">
            Токен
          </label>
          <textarea
            id="api-token"
            ref={field}
            readOnly
            rows={4}
            value={issue.data.token}
            onFocus={(e) => e.currentTarget.select()}
            className="w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs break-all"
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="secondary" size="sm" onClick={() => void copyToken(issue.data.token)}>
              {copy === 'copied' ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}{' '}
              Копировать
            </Button>
            <p className="text-sm text-slate-700">
              {issue.data.expiresAt
                ? `Действует до ${formatDateTime(issue.data.expiresAt)}`
                : 'Бессрочный: отзовите, когда он станет не нужен'}
            </p>
          </div>
          <p role="status" className="text-sm text-slate-700">
            {copy === 'copied' && 'Токен скопирован в буфер обмена.'}
            {copy === 'failed' && 'Скопировать автоматически не получилось: токен выделен, нажмите Ctrl+C (⌘C).'}
          </p>
        </div>
      )}
      <ApiTokenList />
    </section>
  )
}
