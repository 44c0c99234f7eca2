import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { Badge } from '@/components/ui/badge'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { cn } from '@/lib/cn'
import { formatDateTime } from '@/lib/dates'
import { clientQueries } from '@/features/client-card/api/client'

export function ClientSessions({ clientId, currentSessionId }: { clientId: string; currentSessionId?: string }) {
  const sessions = useQuery(clientQueries.sessions(clientId))

  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-800">
        Диалоги клиента{sessions.data?.count != null && ` (${sessions.data.count})`}
      </h3>
      {sessions.isPending && <LoadingState />}
      {sessions.isError && <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {sessions.data?.items.length === 0 && <EmptyState title="Диалогов нет" />}
      <ul className="space-y-1">
        {sessions.data?.items.map((s) => {
          const current = s.id === currentSessionId
          return (
            <li key={s.id}>
              <Link
                to={`/dialogs/${s.id}`}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-2.5 py-2 text-sm hover:bg-slate-100',
                  current && 'bg-blue-50 hover:bg-blue-50',
                )}
              >
                <span className="flex items-center justify-between gap-2">
                  <time dateTime={s.startedAt} className="text-xs text-slate-600">
                    {formatDateTime(s.startedAt)}
                  </time>
                  {s.status === 'closed' ? <Badge>Закрыт</Badge> : <Badge tone="green">Открыт</Badge>}
                </span>
                <span className="mt-0.5 block truncate text-slate-800">{s.lastMessage?.body || 'Нет сообщений'}</span>
              </Link>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
