import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { viewCountSchema, viewListSchema, viewSchema, type ViewInput } from '@shared/views'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** The caller's views and the company's shared ones, with live counts (under the client lists: events refresh them). */
export const viewsQuery = () =>
  queryOptions({
    queryKey: queryKeys.clients.views,
    queryFn: ({ signal }) => api.get('/views', viewListSchema, { signal }),
  })

/** One view's count: the list leaves some uncounted when counting them all would hold it up. */
export const viewCountQuery = (viewId: string) =>
  queryOptions({
    queryKey: queryKeys.clients.viewCount(viewId),
    queryFn: ({ signal }) => api.get(`/views/${viewId}/count`, viewCountSchema, { signal }),
  })

export function useSaveView() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ViewInput) => api.post('/views', viewSchema, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.views }),
  })
}

export function useDeleteView() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (viewId: string) => api.delete(`/views/${viewId}`, z.unknown()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.views }),
  })
}
