import { useMutation, useQueryClient } from '@tanstack/react-query'
import { clientAttributeSchema, type AttributeType } from '@shared/attributes'
import { clientSchema, type ClientField } from '@shared/clients'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** What a revert puts back: an attribute's value, or the client's own name, phone or email. */
export interface RevertTarget {
  clientId: string
  name: string
  type: AttributeType
  oldValue: string | null
  attributeId?: string
  field?: ClientField | null
}

/**
 * "Вернуть это значение": a normal write of the earlier value (contract: a revert records its own
 * history row). No `version`: the supervisor picks a value from a live timeline and means it to win. A
 * value the attribute's type no longer accepts comes back as a 400 and changes nothing.
 */
export function useRevertValue(clientId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ attributeId, field, oldValue }: RevertTarget) => {
      if (field) await api.patch(`/clients/${clientId}`, clientSchema, { [field]: oldValue ?? '' })
      else await api.post(`/clients/${clientId}/attributes/${attributeId}`, clientAttributeSchema, { value: oldValue })
    },
    // The card and the timelines; done once they show the revert.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.detail(clientId) }),
  })
}
