import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  attributeHistorySchema,
  clientAttributeListSchema,
  clientAttributeSchema,
  type ClientAttribute,
} from '@shared/attributes'
import { toast } from 'sonner'
import { api, ApiError } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

type AttributeList = { count: number; items: ClientAttribute[] }

const HISTORY_LIMIT = 20

// Under the client's key; `client.attributes.changed` refreshes the list and one parameter's history (lib/event-targets).
export const clientAttributeQueries = {
  list: (clientId: string) =>
    queryOptions({
      queryKey: queryKeys.clients.attributes(clientId),
      queryFn: ({ signal }) => api.get(`/clients/${clientId}/attributes`, clientAttributeListSchema, { signal }),
    }),
  history: (clientId: string, attributeId: string) =>
    queryOptions({
      queryKey: queryKeys.clients.attributeHistory(clientId, attributeId),
      queryFn: ({ signal }) =>
        api.get(`/clients/${clientId}/attributes/${attributeId}/history`, attributeHistorySchema, {
          query: { limit: HISTORY_LIMIT },
          signal,
        }),
    }),
}

/** A 409 that asks to confirm changing a value an integration owns (details name `body.override`). */
export const asksOverride = (error: unknown) =>
  error instanceof ApiError &&
  error.status === 409 &&
  Array.isArray(error.details) &&
  error.details.some((d: { path?: string }) => d?.path === 'body.override')

/** A 409 carries the value as it is now (contract: stale `version` → 409 with the current value in `details`). */
export function conflictOf(error: unknown): ClientAttribute | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const parsed = clientAttributeSchema.safeParse(error.details)
  return parsed.success ? parsed.data : null
}

interface SaveAttributeValue {
  attributeId: string
  /** Already checked and normalised by checkAttributeValue; null clears. */
  value: string | null
  /** The version the operator saw: a change made meanwhile by someone else answers 409. */
  version: number
  /** Confirmed: change a value an integration owns (editableBy `api`). */
  override?: boolean
}

const withItem = (list: AttributeList | undefined, id: string, change: (item: ClientAttribute) => ClientAttribute) =>
  list && { ...list, items: list.items.map((item) => (item.id === id ? change(item) : item)) }

/**
 * Sets a value optimistically (TanStack "optimistic updates"). Only the one item is touched and rolled
 * back, so two fields saved at once do not undo each other; other items keep their identity, so their
 * memoised rows do not re-render.
 */
export function useSaveAttributeValue(clientId: string) {
  const queryClient = useQueryClient()
  const { queryKey } = clientAttributeQueries.list(clientId)
  const mutationKey = [...queryKey, 'save']
  const put = (id: string, change: (item: ClientAttribute) => ClientAttribute) =>
    queryClient.setQueryData<AttributeList>(queryKey, (list) => withItem(list, id, change))
  return useMutation({
    mutationKey,
    mutationFn: ({ attributeId, value, version, override }: SaveAttributeValue) =>
      api.post(`/clients/${clientId}/attributes/${attributeId}`, clientAttributeSchema, {
        value,
        version,
        ...(override && { override }),
      }),
    onMutate: async ({ attributeId, value }) => {
      await queryClient.cancelQueries({ queryKey, exact: true })
      const previous = queryClient.getQueryData<AttributeList>(queryKey)?.items.find((item) => item.id === attributeId)
      put(attributeId, (item) => ({ ...item, value }))
      return { previous }
    },
    onError: (error, { attributeId }, context) => {
      // A conflict brings a fresher value than the snapshot: show that one.
      const current = conflictOf(error) ?? context?.previous
      if (current) put(attributeId, () => current)
    },
    onSuccess: (saved) => put(saved.id, () => saved),
    // The list holds the saved value already (and the live event of this save finds it there): what else
    // shows the write is refreshed, its history, the client's timeline and the marks before closing. A
    // failure refetches the list instead, unless another save of this card is on its way, whose optimistic
    // value a refetch would briefly undo; the operator hears of a failure at once, not after the refetch.
    onSettled: (_saved, error, { attributeId }) => {
      const { clients } = queryKeys
      if (error) {
        if (queryClient.isMutating({ mutationKey }) === 1) void queryClient.invalidateQueries({ queryKey, exact: true })
        return
      }
      return Promise.all(
        [
          clients.attributeHistory(clientId, attributeId),
          clients.history(clientId),
          clients.requiredToCloseAll(clientId),
        ].map((key) => queryClient.invalidateQueries({ queryKey: key })),
      )
    },
  })
}

/**
 * Puts back a value just cleared («Вернуть» in the toast), as a write over the version the clearing made:
 * if someone changed the value meanwhile, it is theirs that stays. Outlives the row, which may be gone.
 */
export function useRestoreValue(clientId: string) {
  const queryClient = useQueryClient()
  return async (item: Pick<ClientAttribute, 'id' | 'name'>, value: string, version: number) => {
    try {
      await api.post(`/clients/${clientId}/attributes/${item.id}`, clientAttributeSchema, { value, version })
      toast.success(`«${item.name}»: значение возвращено`)
    } catch (error) {
      toast.error(
        conflictOf(error)
          ? `«${item.name}» уже изменили: возвращать не стали`
          : `«${item.name}»: ${(error as Error).message}`,
      )
    }
    await queryClient.invalidateQueries({ queryKey: queryKeys.clients.detail(clientId) })
  }
}
