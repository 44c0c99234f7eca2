import { useMutation, useQueryClient } from '@tanstack/react-query'
import { tagSchema, type TagCreateInput, type TagPatchInput } from '../../../../../shared/tags'
import { api } from '../../../../lib/api-client'
import { tagCatalogQueries, tagKinds, type TagKind } from './tag-catalog'

export function useCreateTag(kind: TagKind) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: TagCreateInput) => api.post(tagKinds[kind].base, tagSchema, input),
    // The promise keeps the form pending until the list shows the new tag.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tagCatalogQueries.all(kind) }),
  })
}

/** Rename, recolour, describe, archive (`archived: true`) and restore (`archived: false`). */
export function useUpdateTag(kind: TagKind) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ tagId, patch }: { tagId: string; patch: TagPatchInput }) =>
      api.patch(`${tagKinds[kind].base}/${tagId}`, tagSchema, patch),
    // Cards and dialogue lists carry tag names and colours in their payloads: they follow the change.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: tagCatalogQueries.all(kind) }),
        queryClient.invalidateQueries({ queryKey: ['clients'] }),
        queryClient.invalidateQueries({ queryKey: ['sessions'] }),
      ]),
  })
}
