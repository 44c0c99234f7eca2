import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Me, OperatorStatus } from '@shared/auth'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** "На связи" / "Отошёл": a group transfer gives dialogues only to operators who are online. */
export function useSetMyStatus(me: Me) {
  const queryClient = useQueryClient()
  return useMutation({
    // The switch is in the sidebar, on the first screen: its schema loads when it is used.
    mutationFn: async (status: OperatorStatus) =>
      api.patch(`/operators/${me.id}/status`, (await import('@shared/auth')).operatorSchema, { status }),
    onSuccess: ({ status }) => {
      queryClient.setQueryData<Me>(queryKeys.auth.me, (old) => old && { ...old, status })
      return queryClient.invalidateQueries({ queryKey: queryKeys.operators.all })
    },
  })
}
