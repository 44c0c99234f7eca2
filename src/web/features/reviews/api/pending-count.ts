import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod'
import { api } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

// Only the count: the sidebar loads with the first screen, the queue's schemas come with its page.
const countSchema = z.object({ count: z.number().int().nullable() })

/** How many cards wait for the caller's review, for the badge on "Проверка" (supervisors and admins). */
export const pendingReviewCountQuery = () =>
  queryOptions({
    queryKey: [...queryKeys.reviews, 'count'],
    queryFn: ({ signal }) => api.get('/reviews/pending', countSchema, { query: { limit: 1 }, signal }),
    select: (data) => data.count ?? 0,
  })
