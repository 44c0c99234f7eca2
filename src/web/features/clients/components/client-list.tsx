import { useInfiniteQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { Button } from '../../../components/ui/button'
import { Chip } from '../../../components/ui/chip'
import { Spinner } from '../../../components/ui/spinner'
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states'
import { formatRelative } from '../../../lib/dates'
import { clientLabel } from '../../../lib/format'
import { useMinuteTick } from '../../../lib/use-minute-tick'
import { clientListQuery } from '../api/clients'

export function ClientList({ keyword, tagIds = [] }: { keyword: string; tagIds?: string[] }) {
  const list = useInfiniteQuery(clientListQuery(keyword, tagIds))
  useMinuteTick()

  if (list.isPending) return <LoadingState label="Загружаем клиентов…" />
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />

  const clients = list.data.pages.flatMap((page) => page.items)
  if (clients.length === 0) return <EmptyState title={keyword || tagIds.length ? 'Никого не нашлось' : 'Клиентов пока нет'} />

  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-600">Найдено: {list.data.pages[0]?.count ?? clients.length}</p>
      <ul aria-label="Клиенты" className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
        {clients.map((c) => (
          <li key={c.id}>
            <Link to={`/clients/${c.id}`} className="flex items-center gap-4 px-4 py-2.5 text-sm hover:bg-slate-50">
              <span className="flex min-w-0 flex-1 flex-wrap items-center gap-1.5">
                <span className="truncate font-medium text-slate-900">{clientLabel(c)}</span>
                {c.tags.map((tag) => <Chip key={tag.id} color={tag.color}>{tag.name}</Chip>)}
              </span>
              <span className="hidden w-40 truncate text-slate-700 md:block">{c.phone}</span>
              <span className="hidden w-56 truncate text-slate-700 lg:block">{c.email}</span>
              <span className="w-32 shrink-0 text-right text-xs text-slate-600">
                {c.lastSessionAt && <time dateTime={c.lastSessionAt}>{formatRelative(c.lastSessionAt)}</time>}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <Button variant="secondary" className="w-full" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage && <Spinner />} Показать ещё
        </Button>
      )}
    </div>
  )
}
