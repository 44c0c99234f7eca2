import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { suggestionListSchema, suggestionSchema } from '@shared/suggestions'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** Values found in the client's messages for their empty fields; `suggestion.created` refreshes them. */
export const suggestionsQuery = (sessionId: string) =>
  queryOptions({
    queryKey: queryKeys.sessions.suggestions(sessionId),
    queryFn: ({ signal }) => api.get(`/sessions/${sessionId}/suggestions`, suggestionListSchema, { signal }),
  })

/** Accepts (a normal write of the value) or rejects one; the card and the offers refresh either way. */
export function useDecideSuggestion(sessionId: string, clientId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, accept }: { id: string; accept: boolean }) =>
      accept
        ? api.post(`/suggestions/${id}/accept`, suggestionSchema)
        : api.post(`/suggestions/${id}/reject`, z.unknown()),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.sessions.suggestions(sessionId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.clients.detail(clientId) }),
      ]),
  })
}
