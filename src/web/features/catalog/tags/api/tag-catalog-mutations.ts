import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { tagGroupSchema, tagSchema, type TagCreateInput, type TagGroupInput, type TagPatchInput } from '@shared/tags'
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

const groupsPath = (kind: TagKind) => (kind === 'client' ? '/clients/tag-groups' : '/sessions/tag-groups')

/** Creates a group of this catalog, or deletes one (its tags stay, without a group). */
export function useTagGroupMutations(kind: TagKind) {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.catalog.tags(kind) })
  return {
    create: useMutation({
      mutationFn: (input: TagGroupInput) => api.post(groupsPath(kind), tagGroupSchema, input),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (groupId: string) => api.delete(`${groupsPath(kind)}/${groupId}`, z.unknown()),
      onSuccess: refresh,
    }),
  }
}
