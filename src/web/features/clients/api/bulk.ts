import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { BulkInput } from '@shared/batches'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

// The schemas load with the first bulk edit, not with the directory.
const schemas = () => import('@shared/batches')

/** The directory's filters as the bulk edit's `filter`: the same keys GET /clients takes, a repeated one as a list. */
export function filterOf(apiQuery: URLSearchParams) {
  const filter: Record<string, string | string[]> = {}
  for (const key of new Set(apiQuery.keys())) {
    if (key === 'sort' || key === 'order') continue
    const values = apiQuery.getAll(key)
    filter[key] = values.length > 1 || key === 'tagId' || key === 'withoutTagId' ? values : values[0]!
  }
  return filter
}

/** Applies one change to every client of the filter (or the chosen ones); the answer's batchId undoes it. */
export function useBulkEdit() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (input: BulkInput) => api.post('/clients/bulk', (await schemas()).bulkResultSchema, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.all }),
  })
}

/** Undoes a bulk edit: a plain function, since the toast that offers it outlives the dialog. */
export function useUndoBulkEdit() {
  const queryClient = useQueryClient()
  return async (batchId: string) => {
    const undone = await api.post(`/batches/${batchId}/undo`, (await schemas()).batchUndoResultSchema)
    await queryClient.invalidateQueries({ queryKey: queryKeys.clients.all })
    return undone
  }
}

/** The latest bulk edits: an interrupted one (the service stopped midway) is offered to resume or undo. */
export const recentBulkEditsQuery = () =>
  queryOptions({
    queryKey: queryKeys.clients.bulkEdits,
    queryFn: async ({ signal }) =>
      api.get('/batches', (await schemas()).batchListSchema, { query: { limit: 5 }, signal }),
  })

/** Goes on with an interrupted bulk edit, as the same batch. */
export function useResumeBulkEdit() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (batchId: string) => api.post(`/batches/${batchId}/resume`, (await schemas()).bulkResultSchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.all }),
  })
}
