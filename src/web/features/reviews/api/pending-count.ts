import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** How many cards wait for the caller's review, for the badge on "Проверка" (supervisors and admins). */
export const pendingReviewCountQuery = () =>
  queryOptions({
    queryKey: queryKeys.reviews.count,
    // The count alone: the service answers it without reading any card or change.
    // The badge is in the sidebar, on the first screen: the schema (and zod) load with the first answer.
    queryFn: async ({ signal }) =>
      api.get('/reviews/pending/count', (await import('@shared/reviews')).pendingReviewCountSchema, { signal }),
    select: (data) => data.count,
  })
