import { useMutation, useQueryClient } from '@tanstack/react-query'
import { tagSchema, type TagCreateInput, type TagPatchInput } from '@shared/tags'
import { api } from '@/lib/api-client'
import { tagCatalogPath } from '@/lib/catalog-queries'
import { queryKeys, type TagKind } from '@/lib/query-keys'

export function useCreateTag(kind: TagKind) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: TagCreateInput) => api.post(tagCatalogPath(kind), tagSchema, input),
    // The promise keeps the form pending until the list shows the new tag.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.catalog.tags(kind) }),
  })
}

/** Rename, recolour, describe, archive (`archived: true`) and restore (`archived: false`). */
export function useUpdateTag(kind: TagKind) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ tagId, patch }: { tagId: string; patch: TagPatchInput }) =>
      api.patch(`${tagCatalogPath(kind)}/${tagId}`, tagSchema, patch),
    // Cards and dialogue lists carry tag names and colours in their payloads: they follow the change.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.catalog.tags(kind) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.clients.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all }),
      ]),
  })
}
