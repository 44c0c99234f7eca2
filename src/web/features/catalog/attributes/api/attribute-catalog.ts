import { useMutation, useQueryClient } from '@tanstack/react-query'
import { attributeSchema, type AttributeInput, type AttributePatch } from '@shared/attributes'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

function useInvalidateCatalog() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.catalog.attributes })
}

export function useCreateAttribute() {
  const invalidate = useInvalidateCatalog()
  return useMutation({
    mutationFn: (input: AttributeInput) => api.post('/clients/attributes', attributeSchema, input),
    onSuccess: invalidate,
  })
}

export function useUpdateAttribute() {
  const invalidate = useInvalidateCatalog()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AttributePatch }) =>
      api.patch(`/clients/attributes/${id}`, attributeSchema, patch),
    onSuccess: invalidate,
  })
}

/** Archiving hides the attribute from cards; its values and history stay (DELETE archives, contract). */
export function useArchiveAttribute() {
  const invalidate = useInvalidateCatalog()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/clients/attributes/${id}`, attributeSchema),
    onSuccess: invalidate,
  })
}
