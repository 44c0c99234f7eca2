import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import {
  renderedSchema,
  templateListSchema,
  templateSchema,
  templateUsageSchema,
  type TemplateInput,
  type TemplatePatch,
} from '@shared/templates'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** Every template the signed-in person sees (the company's shared ones and their own), by name. */
export const templatesQuery = () =>
  queryOptions({
    queryKey: queryKeys.templates.all,
    queryFn: ({ signal }) => api.get('/templates', templateListSchema, { query: { sort: 'name' }, signal }),
  })

/** The text being written, for a client picked to try it on; nothing is saved. */
export const previewQuery = (clientId: string, body: string) =>
  queryOptions({
    queryKey: queryKeys.templates.preview(clientId, body),
    queryFn: ({ signal }) => api.post('/templates/preview', renderedSchema, { clientId, body }, { signal }),
    enabled: clientId !== '' && body.trim() !== '',
    retry: false,
  })

/** Supervisors' view of how shared templates are used. */
export const templateUsageQuery = () =>
  queryOptions({
    queryKey: queryKeys.templates.usage,
    queryFn: ({ signal }) => api.get('/templates/usage', templateUsageSchema, { signal }),
  })

function useTemplateMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.templates.all }),
  })
}

export const useCreateTemplate = () =>
  useTemplateMutation((input: TemplateInput) => api.post('/templates', templateSchema, input))

export const useUpdateTemplate = () =>
  useTemplateMutation(({ id, patch }: { id: string; patch: TemplatePatch }) =>
    api.patch(`/templates/${id}`, templateSchema, patch),
  )

export const useDeleteTemplate = () => useTemplateMutation((id: string) => api.delete(`/templates/${id}`, z.unknown()))
