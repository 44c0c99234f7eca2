import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { operatorGroupSchema, type OperatorGroupInput } from '@shared/operator-groups'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

function useRefreshGroups() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.catalog.operatorGroups })
}

/** Creates a group (no id) or changes one: `memberIds` replaces the members. */
export function useSaveGroup() {
  const onSuccess = useRefreshGroups()
  return useMutation({
    mutationFn: ({ id, ...input }: OperatorGroupInput & { id?: string }) =>
      id
        ? api.patch(`/operator-groups/${id}`, operatorGroupSchema, input)
        : api.post('/operator-groups', operatorGroupSchema, input),
    onSuccess,
  })
}

export function useDeleteGroup() {
  const onSuccess = useRefreshGroups()
  return useMutation({ mutationFn: (id: string) => api.delete(`/operator-groups/${id}`, z.null()), onSuccess })
}
