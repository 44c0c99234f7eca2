import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { renderedSchema, templateListSchema, type TemplateUseInput } from '@shared/templates'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

// The reply box's templates: those fit for this dialogue, rendered for its client, and used. Loaded with the
// picker only (template-picker.tsx), never on the first screen.

/** The templates fit for the dialogue's chat and the operator's groups, the most used first. */
export const sessionTemplatesQuery = (sessionId: string) =>
  queryOptions({
    queryKey: queryKeys.templates.forSession(sessionId),
    queryFn: ({ signal }) =>
      api.get('/templates', templateListSchema, { query: { sessionId, sort: '-usage' }, signal }),
    staleTime: 60_000,
  })

/** A template with this dialogue's client's values; nothing is written. */
export const renderedQuery = (sessionId: string, templateId: string) =>
  queryOptions({
    queryKey: queryKeys.templates.rendered(sessionId, templateId),
    queryFn: ({ signal }) =>
      api.post(`/sessions/${sessionId}/templates/${templateId}/render`, renderedSchema, undefined, { signal }),
    staleTime: 10_000,
  })

/** Uses a template: the gaps filled go into the card, the macro runs; the client's card and the counts refresh. */
export function useTemplateUse(sessionId: string, clientId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ templateId, input }: { templateId: string; input: TemplateUseInput }) =>
      api.post(`/sessions/${sessionId}/templates/${templateId}/use`, renderedSchema, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.clients.detail(clientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.templates.all }),
      ]),
  })
}
