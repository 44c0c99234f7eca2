import { Check, Copy, KeyRound } from 'lucide-react'
import { useRef, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { formatDateTime } from '@/lib/dates'
import { useIssueApiToken } from '@/features/api-help/api/api-tokens'

const TTL_DAYS = 30

export function ApiTokenPanel() {
  const issue = useIssueApiToken()
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
      <h2 id="api-token-heading" className="text-base font-semibold">API-токен</h2>
      <p className="text-sm text-slate-700">
        Токен действует от вашего имени {TTL_DAYS} дней. Храните его как пароль: с ним доступны данные вашей компании.
      </p>
      <Button onClick={() => (setCopy('idle'), issue.mutate(TTL_DAYS))} disabled={issue.isPending}>
        {issue.isPending ? <Spinner /> : <KeyRound aria-hidden className="size-4" />} Выпустить токен
      </Button>
      {issue.isError && <p role="alert" className="text-sm text-red-700">{issue.error.message}</p>}
      {issue.data && (
        <div className="space-y-2">
          <label htmlFor="api-token" className="block text-sm font-medium">Токен</label>
          <textarea
            id="api-token" ref={field} readOnly rows={4} value={issue.data.token} onFocus={(e) => e.currentTarget.select()}
            className="w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs break-all"
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="secondary" size="sm" onClick={() => void copyToken(issue.data.token)}>
              {copy === 'copied' ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />} Копировать
            </Button>
            <p className="text-sm text-slate-700">Действует до {formatDateTime(issue.data.expiresAt)}</p>
          </div>
          <p role="status" className="text-sm text-slate-700">
            {copy === 'copied' && 'Токен скопирован в буфер обмена.'}
            {copy === 'failed' && 'Скопировать автоматически не получилось: токен выделен, нажмите Ctrl+C (⌘C).'}
          </p>
        </div>
      )}
    </section>
  )
}
