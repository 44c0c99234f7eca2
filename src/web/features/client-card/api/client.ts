import { queryOptions } from '@tanstack/react-query'
import { clientSchema } from '@shared/clients'
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
      queryFn: ({ signal }) => api.get(`/clients/${clientId}/sessions`, sessionListSchema, { query: { limit: 100 }, signal }),
    }),
}
