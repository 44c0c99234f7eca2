import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { toast } from 'sonner'
import { pendingReviewListSchema, reviewSchema, type PendingReviewCount } from '@shared/reviews'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** One screen of work: the queue shows the cards waiting longest; clearing them brings up the next. */
const QUEUE_SIZE = 100

export const reviewQueries = {
  pending: () =>
    queryOptions({
      queryKey: queryKeys.reviews.pending,
      queryFn: ({ signal }) =>
        api.get('/reviews/pending', pendingReviewListSchema, { query: { limit: QUEUE_SIZE }, signal }),
    }),
}

/**
 * "Проверено": the card leaves the queue at once (TanStack optimistic updates) and comes back, with
 * a message, if the service refuses.
 */
export function useMarkReviewed() {
  const queryClient = useQueryClient()
  const { queryKey } = reviewQueries.pending()
  const mutationKey = [...queryKeys.reviews.all, 'mark']
  return useMutation({
    mutationKey,
    mutationFn: (clientId: string) => api.post(`/clients/${clientId}/reviews`, reviewSchema),
    onMutate: async (clientId) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.reviews.all })
      const queue = queryClient.getQueryData(queryKey)
      const count = queryClient.getQueryData<PendingReviewCount>(queryKeys.reviews.count)
      queryClient.setQueryData(
        queryKey,
        (q) => q && { count: q.count - 1, items: q.items.filter((r) => r.client.id !== clientId) },
      )
      queryClient.setQueryData<PendingReviewCount>(
        queryKeys.reviews.count,
        (c) => c && { count: Math.max(0, c.count - 1) },
      )
      return { queue, count }
    },
    onError: (error, _clientId, context) => {
      queryClient.setQueryData(queryKey, context?.queue)
      queryClient.setQueryData(queryKeys.reviews.count, context?.count)
      toast.error(`Не удалось отметить проверенной: ${error.message}`)
    },
    // Not while another card is on its way out: the refetch would bring it back for a moment.
    onSettled: () =>
      queryClient.isMutating({ mutationKey }) === 1
        ? queryClient.invalidateQueries({ queryKey: queryKeys.reviews.all })
        : undefined,
  })
}
