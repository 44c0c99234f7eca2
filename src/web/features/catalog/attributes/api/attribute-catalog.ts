import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  attributeListSchema, attributeSchema, type AttributeInput, type AttributePatch,
} from '../../../../../shared/attributes'
import { api } from '../../../../lib/api-client'

/**
 * The admin page reads the whole catalog, archived attributes included: it shows the archive on demand,
 * and a move needs every attribute's place, since the service counts positions over all of them.
 * Keys live under 'catalog', the root that `catalog.changed` events invalidate (lib/events.ts).
 */
export const attributeCatalogQueries = {
  all: () => ['catalog', 'attributes'] as const,
  list: () =>
    queryOptions({
      queryKey: [...attributeCatalogQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => api.get('/clients/attributes', attributeListSchema, { query: { includeArchived: true }, signal }),
    }),
}

function useInvalidateCatalog() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: attributeCatalogQueries.all() })
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
    mutationFn: ({ id, patch }: { id: string; patch: AttributePatch }) => api.patch(`/clients/attributes/${id}`, attributeSchema, patch),
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
