import { infiniteQueryOptions } from '@tanstack/react-query'
import { clientHistorySchema } from '@shared/client-history'
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
        api.get(`/clients/${clientId}/history`, clientHistorySchema, {
          query: { limit: PAGE_SIZE, offset: pageParam },
          signal,
        }),
      initialPageParam: 0,
      getNextPageParam: nextOffset(PAGE_SIZE),
    }),
}
