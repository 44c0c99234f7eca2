import { useInfiniteQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { DuplicateGroup, DuplicateReason } from '@shared/clients'
import { Badge } from '@/components/ui/badge'
import { LoadMore } from '@/components/ui/load-more'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { duplicatesQuery } from '@/features/clients/api/duplicates'
import { formatDateTime } from '@/lib/dates'
import { clientLabel } from '@shared/labels'
import { MergeDialog } from './merge-dialog'

const reasonLabels: Record<DuplicateReason, string> = { phone: 'один телефон', email: 'одна почта', name: 'одно имя' }

/** The company's likely duplicates: each group's cards side by side, oldest first, each linking to its card. */
export function DuplicateGroups() {
  const groups = useInfiniteQuery(duplicatesQuery())
  if (groups.isPending) return <LoadingState />
  if (groups.isError) return <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
  const items = groups.data.pages.flatMap((p) => p.items)
  if (items.length === 0) return <EmptyState title="Похожих клиентов не нашлось" />
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">Групп: {groups.data.pages[0]?.count}</p>
      <ul aria-label="Похожие клиенты" className="space-y-3">
        {items.map((group) => (
          <Group key={group.clients.map((c) => c.id).join()} group={group} />
        ))}
      </ul>
      <LoadMore pages={groups} />
    </div>
  )
}

function Group({ group }: { group: DuplicateGroup }) {
  return (
    <li className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <p className="flex flex-wrap gap-1.5">
        {group.reasons.map((r) => (
          <Badge key={r}>{reasonLabels[r]}</Badge>
        ))}
      </p>
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {group.clients.map((client) => (
          <div key={client.id} className="rounded-md border border-slate-200 p-3 text-sm">
            <Link to={`/clients/${client.id}`} className="font-medium text-blue-800 hover:underline">
              {clientLabel(client)}
            </Link>
            {client.phone && <p className="text-slate-700">{client.phone}</p>}
            {client.email && <p className="text-slate-700">{client.email}</p>}
            {client.externalId && <p className="text-xs text-slate-600">Внешний ID: {client.externalId}</p>}
            <p className="text-xs text-slate-600">Карточка с {formatDateTime(client.createdAt)}</p>
          </div>
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        {group.clients.slice(1).map((source) => (
          <MergeDialog key={source.id} target={group.clients[0]!} source={source} />
        ))}
      </div>
    </li>
  )
}
