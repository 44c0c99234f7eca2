import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import type { TagRef } from '@shared/tags'
import { LoadMore } from '@/components/ui/load-more'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { catalogQueries } from '@/lib/catalog-queries'
import { useMinuteTick } from '@/lib/use-minute-tick'
import { sessionQueries, type SessionFilters } from '@/features/dialogues/api/sessions'
import { DialogueListItem } from './dialogue-list-item'

/** `search` keeps the filters in the links, so opening a dialogue does not reset the list. */
export function DialogueList({ filters, search }: { filters: SessionFilters; search: string }) {
  const list = useInfiniteQuery(sessionQueries.list(filters))
  // Dialogues name their session tags by id; the catalog gives each its name and colour.
  const catalog = useQuery(catalogQueries.tags('session', true))
  const tagsById = new Map<string, TagRef>(catalog.data?.items.map((t) => [t.id, t]))
  useMinuteTick()

  if (list.isPending) return <LoadingState label="Загружаем диалоги…" />
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />

  const sessions = list.data.pages.flatMap((page) => page.items)
  const total = list.data.pages[0]?.count
  if (sessions.length === 0) {
    return (
      <EmptyState
        title={
          filters.keyword || filters.status || filters.operatorId || filters.tagId
            ? 'Ничего не нашлось'
            : 'Диалогов пока нет'
        }
      />
    )
  }
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      {total != null && <p className="px-3 py-1.5 text-xs text-slate-600">Найдено: {total}</p>}
      <ul aria-label="Диалоги">
        {sessions.map((session) => (
          <li key={session.id}>
            <DialogueListItem session={session} search={search} tagsById={tagsById} />
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <div className="p-3">
          <LoadMore pages={list} className="w-full" />
        </div>
      )}
    </div>
  )
}
