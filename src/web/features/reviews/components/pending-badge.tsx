import { useQuery } from '@tanstack/react-query'
import { pendingReviewCountQuery } from '@/features/reviews/api/pending-count'

/** Cards waiting for the signed-in reviewer, on «Проверка»; refreshed by live client events (lib/events.ts). */
export default function PendingBadge() {
  const count = useQuery(pendingReviewCountQuery())
  if (!count.data) return null
  return (
    <span className="absolute -top-1.5 -right-1.5 rounded-full bg-blue-700 px-1 text-[10px] text-white xl:static xl:ml-auto xl:px-1.5 xl:text-xs">
      <span className="sr-only">ждут: </span>
      {count.data > 99 ? '99+' : count.data}
    </span>
  )
}
