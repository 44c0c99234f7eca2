import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { LoadMore } from '@/components/ui/load-more'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { useMinuteTick } from '@/lib/use-minute-tick'
import { meQuery } from '@/lib/me'
import { clientHistoryQueries } from '@/features/client-history/api/history'
import { ChangeDiff, changedThing } from '@/components/change-diff'
import { RevertButton } from '@/components/revert-button'
import { ChangeMeta } from './change-meta'

/**
 * The card's history, newest first: attribute values, client tags and the client's own name, phone and
 * email, who changed them, when and
 * through what. Supervisors and admins can put an earlier value back; operators only read.
 */
export function ClientHistory({ clientId }: { clientId: string }) {
  const history = useInfiniteQuery(clientHistoryQueries.timeline(clientId))
  const me = useQuery(meQuery())
  const canRevert = me.data?.role === 'supervisor' || me.data?.role === 'admin'
  useMinuteTick()

  // Live refreshes page by offset: an entry that slid onto the next page is not shown twice.
  const seen = new Set<string>()
  const items = (history.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => !seen.has(i.id) && seen.add(i.id))
  const total = history.data?.pages[0]?.count

  return (
    <section aria-labelledby="client-history-heading" className="space-y-3 p-4">
      <h2 id="client-history-heading" className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
        История изменений{total != null && total > 0 && ` (${total})`}
      </h2>
      {history.isPending && <LoadingState />}
      {history.isError && <ErrorState error={history.error} onRetry={() => void history.refetch()} />}
      {history.isSuccess && items.length === 0 && <EmptyState title="Карточку ещё не меняли" />}
      <ol aria-label="История изменений" className="space-y-2">
        {items.map((item) => (
          <li key={item.id} className="space-y-1.5 rounded-md bg-slate-50 px-3 py-2">
            <ChangeMeta item={item} />
            <ChangeDiff item={item} />
            {canRevert && (item.field || (item.attribute && !item.attribute.archived)) && (
              <RevertButton
                target={{
                  ...changedThing(item),
                  clientId,
                  oldValue: item.oldValue,
                  field: item.field,
                  attributeId: item.attribute?.id,
                }}
              />
            )}
          </li>
        ))}
      </ol>
      <LoadMore pages={history} className="w-full" />
    </section>
  )
}
