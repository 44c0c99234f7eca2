import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod'
import type { PendingReviewCount } from '@shared/reviews'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

// Its own schema (checked against the contract's type): the sidebar loads with the first screen, the
// queue's schemas come with its page.
const countSchema: z.ZodType<PendingReviewCount> = z.object({ count: z.number().int() })

/** How many cards wait for the caller's review, for the badge on "Проверка" (supervisors and admins). */
export const pendingReviewCountQuery = () =>
  queryOptions({
    queryKey: queryKeys.reviews.count,
    // The count alone: the service answers it without reading any card or change.
    queryFn: ({ signal }) => api.get('/reviews/pending/count', countSchema, { signal }),
    select: (data) => data.count,
  })
