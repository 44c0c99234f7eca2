import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { clientSchema, type ClientInput } from '@shared/clients'
import { sessionListSchema } from '@shared/sessions'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

export const clientQueries = {
  detail: (clientId: string) =>
    queryOptions({
      queryKey: queryKeys.clients.detail(clientId),
      queryFn: ({ signal }) => api.get(`/clients/${clientId}`, clientSchema, { signal }),
    }),
  sessions: (clientId: string) =>
    queryOptions({
      queryKey: queryKeys.clients.sessions(clientId),
      queryFn: ({ signal }) =>
        api.get(`/clients/${clientId}/sessions`, sessionListSchema, { query: { limit: 100 }, signal }),
    }),
}

/**
 * Name, phone and email from the card. Only changed fields are sent, so a field someone else changed
 * meanwhile is not written back; the service records each change in the card's history.
 */
export function useUpdateClient(clientId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (patch: ClientInput) => api.patch(`/clients/${clientId}`, clientSchema, patch),
    onSuccess: (client) => {
      queryClient.setQueryData(queryKeys.clients.detail(clientId), client)
      // The name shows in the dialogue list and the directory; the timeline has new entries.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.clients.detail(clientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.clients.lists }),
        queryClient.invalidateQueries({ queryKey: queryKeys.sessions.lists }),
      ])
    },
  })
}
