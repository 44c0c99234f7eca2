import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { clientAttributeSchema } from '@shared/attributes'
import { clientHistorySchema, type ClientHistoryItem } from '@shared/client-history'
import { clientSchema } from '@shared/clients'
import { api } from '@/lib/api-client'
import { nextOffset } from '@/lib/offset-pages'
import { queryKeys } from '@/lib/query-keys'

const PAGE_SIZE = 20

export const clientHistoryQueries = {
  // Under the client's key: its attribute and tag events refresh the timeline (lib/events.ts).
  timeline: (clientId: string) =>
    infiniteQueryOptions({
      queryKey: queryKeys.clients.history(clientId),
      queryFn: ({ pageParam, signal }) =>
        api.get(`/clients/${clientId}/history`, clientHistorySchema, { query: { limit: PAGE_SIZE, offset: pageParam }, signal }),
      initialPageParam: 0,
      getNextPageParam: nextOffset(PAGE_SIZE),
    }),
}

/**
 * "Вернуть это значение": a normal write of the earlier value (contract: a revert records its own
 * history row): the attribute's value, or the client's own field. No `version`: the supervisor picks a value from the timeline, which is live, and
 * means it to win. A value the attribute's type no longer accepts comes back as a 400 and changes
 * nothing, so there is nothing optimistic to roll back.
 */
export function useRevertValue(clientId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ attribute, field, oldValue }: ClientHistoryItem) => {
      if (field) await api.patch(`/clients/${clientId}`, clientSchema, { [field]: oldValue ?? '' })
      else await api.post(`/clients/${clientId}/attributes/${attribute!.id}`, clientAttributeSchema, { value: oldValue })
    },
    // The card and the timeline; done once they show the revert.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.detail(clientId) }),
  })
}
