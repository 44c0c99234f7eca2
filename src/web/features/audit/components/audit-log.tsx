import { useInfiniteQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { AUDIT_ACTIONS, type AuditAction } from '@shared/audit'
import { LoadMore } from '@/components/ui/load-more'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { auditQuery } from '@/features/audit/api/audit'
import { formatDateTime } from '@/lib/dates'

/** Who did what and from where: sign-ins, tokens, people, the catalog, exports. */
export function AuditLog() {
  const id = useId()
  const [action, setAction] = useState<AuditAction | ''>('')
  const log = useInfiniteQuery(auditQuery(action))
  const items = log.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-action`} className="text-sm font-medium text-slate-800">
          Что
        </label>
        <select
          id={`${id}-action`}
          value={action}
          onChange={(e) => setAction(e.target.value as AuditAction | '')}
          className="h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm"
        >
          <option value="">Все действия</option>
          {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {log.data && <span className="text-sm text-slate-600">Всего: {log.data.pages[0]?.count}</span>}
      </div>
      {log.isPending && <LoadingState />}
      {log.isError && <ErrorState error={log.error} onRetry={() => void log.refetch()} />}
      {log.isSuccess && items.length === 0 && <EmptyState title="Записей нет" />}
      {items.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Журнал действий</caption>
          <thead className="border-b border-slate-200 text-xs text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Когда
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Что
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Кто
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Подробности
              </th>
              <th scope="col" className="py-2 font-medium">
                Адрес
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-3 whitespace-nowrap text-slate-700">{formatDateTime(e.at)}</td>
                <td className="py-2 pr-3 text-slate-900">{AUDIT_ACTIONS[e.action]}</td>
                <td className="py-2 pr-3 text-slate-700">{e.actorName ?? '—'}</td>
                <td className="py-2 pr-3 break-words text-slate-700">{e.summary}</td>
                <td className="py-2 font-mono text-xs text-slate-600">{e.address ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pages={log} />
    </div>
  )
}
