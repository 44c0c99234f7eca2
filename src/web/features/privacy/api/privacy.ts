import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { clientSchema } from '@shared/clients'
import {
  erasureActListSchema,
  erasureActSchema,
  privacyDueSchema,
  privacyRequestListSchema,
  privacyRequestSchema,
  privacySettingsSchema,
  retentionPreviewSchema,
  type EraseInput,
  type PrivacyRequestInput,
  type PrivacyRequestPatch,
} from '@shared/privacy'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'
import { saveFile } from '@/lib/save-file'

export const privacyQueries = {
  requests: () =>
    queryOptions({
      queryKey: queryKeys.privacy.requests,
      queryFn: ({ signal }) => api.get('/privacy-requests', privacyRequestListSchema, { signal }),
    }),
  due: () =>
    queryOptions({
      queryKey: queryKeys.privacy.due,
      queryFn: ({ signal }) => api.get('/privacy-requests/due', privacyDueSchema, { signal }),
      // Deadlines move with the calendar, not with events: a look every ten minutes is enough.
      refetchInterval: 600_000,
    }),
  acts: () =>
    queryOptions({
      queryKey: queryKeys.privacy.acts,
      queryFn: ({ signal }) => api.get('/erasure-acts', erasureActListSchema, { signal }),
    }),
  settings: () =>
    queryOptions({
      queryKey: queryKeys.privacy.settings,
      queryFn: ({ signal }) => api.get('/privacy/settings', privacySettingsSchema, { signal }),
    }),
  retention: () =>
    queryOptions({
      queryKey: queryKeys.privacy.retention,
      queryFn: ({ signal }) => api.get('/privacy/retention', retentionPreviewSchema, { signal }),
    }),
}

/** A document the service writes (a person's data, an act), handed to the browser's downloads. */
export async function downloadDocument(path: string, fallbackName: string) {
  const { blob, filename } = await api.download(path)
  saveFile(blob, filename ?? fallbackName)
}

function usePrivacyMutation<I, O>(mutationFn: (input: I) => Promise<O>, clientId?: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.privacy.all }),
        ...(clientId
          ? [
              queryClient.invalidateQueries({ queryKey: queryKeys.clients.detail(clientId) }),
              queryClient.invalidateQueries({ queryKey: queryKeys.clients.lists }),
              queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all }),
            ]
          : []),
      ]),
  })
}

export const useBlockClient = (clientId: string) =>
  usePrivacyMutation(
    ({ block, reason }: { block: boolean; reason: string }) =>
      api.post(`/clients/${clientId}/${block ? 'block' : 'unblock'}`, clientSchema, { reason }),
    clientId,
  )

export const useEraseClient = (clientId: string) =>
  usePrivacyMutation((input: EraseInput) => api.post(`/clients/${clientId}/erase`, erasureActSchema, input), clientId)

export const useCreateRequest = () =>
  usePrivacyMutation((input: PrivacyRequestInput) => api.post('/privacy-requests', privacyRequestSchema, input))

export const useUpdateRequest = () =>
  usePrivacyMutation(({ id, patch }: { id: string; patch: PrivacyRequestPatch }) =>
    api.patch(`/privacy-requests/${id}`, privacyRequestSchema, patch),
  )

export const useUpdateSettings = () =>
  usePrivacyMutation((patch: { holidays?: string[] | null; retentionMonths?: number | null }) =>
    api.patch('/privacy/settings', privacySettingsSchema, patch),
  )

export const useRunRetention = () =>
  usePrivacyMutation(() => api.post('/privacy/retention/run', z.object({ act: erasureActSchema.nullable() })))
