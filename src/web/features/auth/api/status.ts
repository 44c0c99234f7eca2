import { useMutation, useQueryClient } from '@tanstack/react-query'
import { operatorSchema, type Me, type OperatorStatus } from '@shared/auth'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** "На связи" / "Отошёл": a group transfer gives dialogues only to operators who are online. */
export function useSetMyStatus(me: Me) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (status: OperatorStatus) => api.patch(`/operators/${me.id}/status`, operatorSchema, { status }),
    onSuccess: ({ status }) => {
      queryClient.setQueryData<Me>(queryKeys.auth.me, (old) => old && { ...old, status })
      return queryClient.invalidateQueries({ queryKey: queryKeys.operators.all })
    },
  })
}
