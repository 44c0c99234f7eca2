import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import {
  channelSecretSchema,
  deliveryListSchema,
  webhookListSchema,
  webhookSchema,
  webhookWithSecretSchema,
  type DeliveryStatus,
  type WebhookInput,
  type WebhookPatch,
} from '@shared/webhooks'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

export const webhooksQuery = () =>
  queryOptions({
    queryKey: queryKeys.webhooks.all,
    queryFn: ({ signal }) => api.get('/webhooks', webhookListSchema, { signal }),
  })

/** A delivery log (a webhook's `/webhooks/{id}/deliveries`, a chat's `/chats/{id}/callbacks`), newest first, page by page; `status` '' is every one. */
export const deliveriesQuery = (logPath: string, status: DeliveryStatus | '') =>
  infiniteQueryOptions({
    queryKey: queryKeys.webhooks.deliveries(logPath, status),
    queryFn: ({ pageParam, signal }) =>
      api.get(logPath, deliveryListSchema, {
        query: { limit: 20, ...(status && { status }), ...(pageParam && { cursor: pageParam }) },
        signal,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A pending delivery changes on its own: the log looks again while one is waiting.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some((d) => d.status === 'pending')) ? 3000 : false,
  })

function useWebhookMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.all }),
  })
}

export const useCreateWebhook = () =>
  useWebhookMutation((input: WebhookInput) => api.post('/webhooks', webhookWithSecretSchema, input))

export const useUpdateWebhook = () =>
  useWebhookMutation(({ id, patch }: { id: string; patch: WebhookPatch }) =>
    api.patch(`/webhooks/${id}`, webhookSchema, patch),
  )

export const useDeleteWebhook = () => useWebhookMutation((id: string) => api.delete(`/webhooks/${id}`, z.unknown()))

export const useRotateSecret = () =>
  useWebhookMutation((id: string) => api.post(`/webhooks/${id}/rotate-secret`, webhookWithSecretSchema))

const testResultSchema = z.object({
  ok: z.boolean(),
  statusCode: z.number().nullable(),
  latencyMs: z.number(),
  response: z.string().nullable(),
  error: z.string().nullable(),
})
export const useTestWebhook = () =>
  useMutation({ mutationFn: (id: string) => api.post(`/webhooks/${id}/test`, testResultSchema) })

export const useRedeliver = () =>
  useWebhookMutation((deliveryId: string) => api.post(`/webhook-deliveries/${deliveryId}/redeliver`, z.unknown()))

export const channelSecretQuery = () =>
  queryOptions({
    queryKey: queryKeys.webhooks.channelSecret,
    queryFn: ({ signal }) => api.get('/channel-secret', channelSecretSchema, { signal }),
  })

export function useRotateChannelSecret() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/channel-secret/rotate', channelSecretSchema),
    onSuccess: (secret) => queryClient.setQueryData(queryKeys.webhooks.channelSecret, secret),
  })
}
