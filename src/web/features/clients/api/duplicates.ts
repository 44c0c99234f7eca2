import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { clientAttributeListSchema } from '@shared/attributes'
import { duplicateListSchema, mergeResultSchema, mergeUndoResultSchema, type MergeInput } from '@shared/clients'
import { api } from '@/lib/api-client'
import { nextOffset } from '@/lib/offset-pages'
import { queryKeys } from '@/lib/query-keys'

const PAGE_SIZE = 20

/** Groups of likely duplicates, page by page; under the client lists, so client events refresh them. */
export const duplicatesQuery = () =>
  infiniteQueryOptions({
    queryKey: queryKeys.clients.duplicates,
    queryFn: ({ pageParam, signal }) =>
      api.get('/clients/duplicates', duplicateListSchema, { query: { limit: PAGE_SIZE, offset: pageParam }, signal }),
    initialPageParam: 0,
    getNextPageParam: nextOffset(PAGE_SIZE),
  })

/** Both cards' values, to show where they differ before merging. */
export const mergeValuesQuery = (clientId: string) =>
  queryOptions({
    queryKey: queryKeys.clients.attributes(clientId),
    queryFn: ({ signal }) => api.get(`/clients/${clientId}/attributes`, clientAttributeListSchema, { signal }),
  })

/** Merges the source into the target; the answer's mergeId undoes it. */
export function useMergeClients() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ targetId, ...input }: MergeInput & { targetId: string }) =>
      api.post(`/clients/${targetId}/merge`, mergeResultSchema, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.all }),
  })
}

/** Undoes a merge: a plain function, since the toast that offers it outlives the dialog that merged. */
export function useUndoMerge() {
  const queryClient = useQueryClient()
  return async (mergeId: string) => {
    const undone = await api.post(`/merges/${mergeId}/undo`, mergeUndoResultSchema)
    await queryClient.invalidateQueries({ queryKey: queryKeys.clients.all })
    return undone
  }
}
