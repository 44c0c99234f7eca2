import { useInfiniteQuery } from '@tanstack/react-query'
import { RotateCw } from 'lucide-react'
import { useId, useState } from 'react'
import { toast } from 'sonner'
import { WEBHOOK_LOG_DAYS, type Delivery, type DeliveryStatus } from '@shared/webhooks'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { LoadMore } from '@/components/ui/load-more'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { formatDateTime } from '@/lib/dates'
import { deliveriesQuery, useRedeliver } from '@/features/webhooks/api/webhooks'

export const statusLabels: Record<DeliveryStatus, string> = {
  pending: 'Ждёт',
  delivered: 'Доставлено',
  failed: 'Не доставлено',
}
export const statusTones = { pending: 'neutral', delivered: 'green', failed: 'red' } as const

function Attempts({ delivery }: { delivery: Delivery }) {
  return (
    <ol className="space-y-1 text-xs text-slate-700">
      {delivery.attempts.map((a, i) => (
        <li key={i}>
          {formatDateTime(a.at)} — {a.statusCode === null ? 'нет ответа' : `код ${a.statusCode}`}, {a.latencyMs} мс
          {(a.error ?? a.response) && (
            <span className="block truncate font-mono text-slate-600" title={a.error ?? a.response ?? ''}>
              {a.error ?? a.response}
            </span>
          )}
        </li>
      ))}
      {delivery.nextAttemptAt && <li>Следующая попытка: {formatDateTime(delivery.nextAttemptAt)}</li>}
    </ol>
  )
}

/**
 * A delivery log with every attempt, by status, and «Отправить снова»: a webhook's
 * (`/webhooks/{id}/deliveries`) or a chat's callbacks (`/chats/{id}/callbacks`).
 */
export function DeliveryLog({ logPath, label = 'Журнал доставок' }: { logPath: string; label?: string }) {
  const id = useId()
  const [status, setStatus] = useState<DeliveryStatus | ''>('')
  const log = useInfiniteQuery(deliveriesQuery(logPath, status))
  const redeliver = useRedeliver()
  const items = log.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <section aria-label={label} className="space-y-3">
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-status`} className="text-sm font-medium text-slate-800">
          Доставки
        </label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
        >
          <option value="">все</option>
          {Object.entries(statusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label.toLowerCase()}
            </option>
          ))}
        </select>
        <span className="text-xs text-slate-600">за {WEBHOOK_LOG_DAYS} дней</span>
      </div>
      {log.isPending && <LoadingState />}
      {log.isError && <ErrorState error={log.error} onRetry={() => void log.refetch()} />}
      {log.isSuccess && items.length === 0 && <EmptyState title="Доставок нет" />}
      <ul className="divide-y divide-slate-200">
        {items.map((d) => (
          <li key={d.id} className="space-y-1 py-2">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone={statusTones[d.status]}>{statusLabels[d.status]}</Badge>
              <code className="text-xs text-slate-800">{d.event}</code>
              <span className="text-xs text-slate-600">{formatDateTime(d.createdAt)}</span>
              {d.status !== 'pending' && (
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto"
                  disabled={redeliver.isPending}
                  onClick={() =>
                    redeliver.mutate(d.id, {
                      onSuccess: () => toast.success('Отправим снова с тем же webhook-id'),
                      onError: (error) => toast.error(error.message),
                    })
                  }
                >
                  <RotateCw aria-hidden className="size-3.5" /> Отправить снова
                </Button>
              )}
            </div>
            <Attempts delivery={d} />
            <details className="text-xs">
              <summary className="cursor-pointer text-slate-700">Что отправлено</summary>
              <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2">
                {JSON.stringify(d.payload, null, 2)}
              </pre>
            </details>
          </li>
        ))}
      </ul>
      <LoadMore pages={log} />
    </section>
  )
}
