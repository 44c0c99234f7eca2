import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { toast } from 'sonner'
import { assignedTagListSchema, type AssignedTag, type Tag } from '@shared/tags'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/**
 * Whose tags: a client's, or one session's. `lineSessionId` is the dialogue the operator is in: a
 * client tag changed there gets its system line in that thread (contract: `?sessionId=`).
 */
export type TagOwner = { kind: 'client'; id: string; lineSessionId?: string } | { kind: 'session'; id: string }

type AssignedList = { count: number; items: AssignedTag[] }
type Change = { tag: Tag | AssignedTag; op: 'add' | 'remove' }

const ownerPath = (o: TagOwner) => `/${o.kind === 'client' ? 'clients' : 'sessions'}/${o.id}/tags`
// Under the owner's own key, so the events that refresh the client or the session refresh these too.
const ownerKey = (o: TagOwner) => (o.kind === 'client' ? queryKeys.clients.tags(o.id) : queryKeys.sessions.tags(o.id))

export const assignedTagsQuery = (owner: TagOwner) =>
  queryOptions({
    queryKey: ownerKey(owner),
    queryFn: ({ signal }) => api.get(ownerPath(owner), assignedTagListSchema, { signal }),
  })

const withTag = (list: AssignedList, tag: Tag | AssignedTag): AssignedList => {
  if (list.items.some((t) => t.id === tag.id)) return list
  const assigned = 'addedAt' in tag ? tag : { ...tag, addedAt: new Date().toISOString(), addedBy: null }
  const items = [...list.items, assigned].sort((a, b) => a.addedAt.localeCompare(b.addedAt))
  return { count: items.length, items }
}

const withoutTag = (list: AssignedList, tagId: string): AssignedList => {
  const items = list.items.filter((t) => t.id !== tagId)
  return { count: items.length, items }
}

/**
 * Adds or removes one tag, optimistically (TanStack "optimistic updates" via the cache): the chip
 * changes at once, and a refused change is undone with a message.
 */
export function useTagAssignment(owner: TagOwner) {
  const queryClient = useQueryClient()
  const queryKey = ownerKey(owner)
  const mutationKey = ['tag-assignment', ...queryKey]
  const lineSessionId = owner.kind === 'client' ? owner.lineSessionId : owner.id

  return useMutation({
    mutationKey,
    mutationFn: ({ tag, op }: Change) => {
      const opts = { query: owner.kind === 'client' ? { sessionId: owner.lineSessionId } : undefined }
      const path = `${ownerPath(owner)}/${tag.id}`
      return op === 'add'
        ? api.put(path, assignedTagListSchema, undefined, opts)
        : api.delete(path, assignedTagListSchema, opts)
    },
    onMutate: async ({ tag, op }) => {
      await queryClient.cancelQueries({ queryKey })
      queryClient.setQueryData<AssignedList>(
        queryKey,
        (list) => list && (op === 'add' ? withTag(list, tag) : withoutTag(list, tag.id)),
      )
    },
    onError: (error, { tag, op }) => {
      // Undo this change alone rather than restore a snapshot, so a toggle made meanwhile stays.
      queryClient.setQueryData<AssignedList>(
        queryKey,
        (list) => list && (op === 'add' ? withoutTag(list, tag.id) : withTag(list, tag)),
      )
      toast.error(`Не удалось ${op === 'add' ? 'добавить' : 'убрать'} тег «${tag.name}»: ${error.message}`)
    },
    onSettled: () => {
      // Several quick toggles: refetch once, after the last, so an early answer does not undo a later chip.
      if (queryClient.isMutating({ mutationKey }) > 1) return
      return Promise.all([
        queryClient.invalidateQueries({
          queryKey: owner.kind === 'client' ? queryKeys.clients.detail(owner.id) : queryKey,
        }),
        queryClient.invalidateQueries({
          queryKey: owner.kind === 'client' ? queryKeys.clients.lists : queryKeys.sessions.lists,
        }),
        owner.kind === 'session' &&
          queryClient.invalidateQueries({ queryKey: queryKeys.sessions.detail(owner.id), exact: true }),
        lineSessionId && queryClient.invalidateQueries({ queryKey: queryKeys.sessions.messages(lineSessionId) }),
        // The catalog page counts where each tag is used.
        queryClient.invalidateQueries({ queryKey: queryKeys.catalog.tags(owner.kind) }),
      ])
    },
  })
}
