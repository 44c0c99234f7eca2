import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { commentListSchema, commentSchema } from '@shared/comments'
import { api } from '@/lib/api-client'
import { nextOffset } from '@/lib/offset-pages'
import { queryKeys } from '@/lib/query-keys'

const PAGE_SIZE = 20

/** Where notes live: on the client (every dialogue shows them) or on one dialogue. */
export type NoteTarget = { kind: 'client'; clientId: string } | { kind: 'session'; sessionId: string }

const pathOf = (t: NoteTarget) =>
  t.kind === 'client' ? `/clients/${t.clientId}/comments` : `/sessions/${t.sessionId}/comments`
const keyOf = (t: NoteTarget) =>
  t.kind === 'client' ? queryKeys.clients.comments(t.clientId) : queryKeys.sessions.comments(t.sessionId)

/** The notes, newest first, page by page; `comment.changed` refreshes them. */
export const notesQuery = (target: NoteTarget) =>
  infiniteQueryOptions({
    queryKey: keyOf(target),
    queryFn: ({ pageParam, signal }) =>
      api.get(pathOf(target), commentListSchema, { query: { limit: PAGE_SIZE, offset: pageParam }, signal }),
    initialPageParam: 0,
    getNextPageParam: nextOffset(PAGE_SIZE),
  })

/** Adds, edits or deletes a note; the list it sits in refreshes. */
export function useNoteMutations(target: NoteTarget) {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: keyOf(target) })
  return {
    add: useMutation({
      mutationFn: (body: string) => api.post(pathOf(target), commentSchema, { body }),
      onSuccess: refresh,
    }),
    edit: useMutation({
      mutationFn: ({ id, body }: { id: string; body: string }) => api.patch(`/comments/${id}`, commentSchema, { body }),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (id: string) => api.delete(`/comments/${id}`, z.unknown()), onSuccess: refresh }),
  }
}
