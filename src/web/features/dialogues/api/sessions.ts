import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { clientAttributeSchema } from '@shared/attributes'
import { sessionListSchema, sessionSchema, type Session, type SessionStatus } from '@shared/sessions'
import { api } from '@/lib/api-client'
import { nextOffset } from '@/lib/offset-pages'
import { queryKeys } from '@/lib/query-keys'

export const PAGE_SIZE = 50

export interface SessionFilters {
  status?: SessionStatus
  /** «Ожидают»: open dialogues nobody took, longest waiting first. */
  waiting?: boolean
  operatorId?: string
  markedAsSpam?: boolean
  keyword?: string
  /** Session tags; a dialogue must carry all of them. */
  tagId?: string[]
  clientTagId?: string[]
}

export const sessionQueries = {
  list: (filters: SessionFilters) =>
    infiniteQueryOptions({
      queryKey: queryKeys.sessions.list({ ...filters }),
      queryFn: ({ pageParam, signal }) =>
        api.get('/sessions', sessionListSchema, { query: { ...filters, limit: PAGE_SIZE, offset: pageParam }, signal }),
      initialPageParam: 0,
      getNextPageParam: nextOffset(PAGE_SIZE),
    }),
  detail: (sessionId: string) =>
    queryOptions({
      queryKey: queryKeys.sessions.detail(sessionId),
      queryFn: ({ signal }) => api.get(`/sessions/${sessionId}`, sessionSchema, { signal }),
    }),
}

/** The mutations answer with the whole session: put it in the cache and let the lists catch up. */
function useSessionUpdate() {
  const queryClient = useQueryClient()
  return (session: Session) => {
    queryClient.setQueryData(queryKeys.sessions.detail(session.id), session)
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.sessions.lists }),
      queryClient.invalidateQueries({ queryKey: queryKeys.sessions.messages(session.id) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.clients.detail(session.clientId) }),
    ])
  }
}

/** Closes the dialogue; a 409 names the parameters it still needs (`force`: supervisors close it all the same). */
export function useCloseSession(sessionId: string) {
  const onSuccess = useSessionUpdate()
  return useMutation({
    mutationFn: (opts: { force?: boolean } = {}) =>
      api.delete(`/sessions/${sessionId}`, sessionSchema, { body: opts.force ? { force: true } : undefined }),
    onSuccess,
  })
}

/** What a close asked for: values of the client's parameters, and session tags from required groups. */
export interface RequiredFill {
  values: { attributeId: string; value: string }[]
  tagIds: string[]
}

/** Writes what a close asked for, one by one (each a normal write, in the card's history or the dialogue). */
export function useFillRequired(session: Pick<Session, 'id' | 'clientId'>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ values, tagIds }: RequiredFill) => {
      for (const { attributeId, value } of values) {
        await api.post(`/clients/${session.clientId}/attributes/${attributeId}`, clientAttributeSchema, { value })
      }
      for (const tagId of tagIds) await api.put(`/sessions/${session.id}/tags/${tagId}`, z.unknown())
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.clients.attributes(session.clientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.sessions.tags(session.id) }),
      ]),
  })
}

/** To a colleague, or to a group (whose least loaded online member takes it). */
export type TransferTarget = { kind: 'operator' | 'group'; id: string }

export function useTransferSession(sessionId: string) {
  const onSuccess = useSessionUpdate()
  return useMutation({
    mutationFn: ({ kind, id }: TransferTarget) =>
      api.patch(`/sessions/${sessionId}/${kind === 'group' ? 'groupoperators' : 'operators'}/${id}`, sessionSchema),
    onSuccess,
  })
}

/**
 * «Взять»: the dialogue becomes the caller's. Taken by someone else meanwhile, it is a 409 naming them; the
 * dialogue is read again so that its header shows who has it.
 */
export function useTakeSession(sessionId: string) {
  const onSuccess = useSessionUpdate()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post(`/sessions/${sessionId}/take`, sessionSchema),
    onSuccess,
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions.detail(sessionId) }),
  })
}

/** "Спам": the dialogue leaves the list (the "Спам" filter shows it); and back. */
export function useMarkSpam(sessionId: string) {
  const onSuccess = useSessionUpdate()
  return useMutation({
    mutationFn: (spam: boolean) => api.patch(`/sessions/${sessionId}/${spam ? 'spam' : 'notSpam'}`, sessionSchema),
    onSuccess,
  })
}

/** Opening a dialogue reads it: the client's messages stop counting as unread. */
export function useMarkRead(sessionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post(`/sessions/${sessionId}/read`, z.undefined()),
    onSuccess: () => {
      queryClient.setQueryData<Session>(
        queryKeys.sessions.detail(sessionId),
        (s) => s && { ...s, unreadClientMessageCount: 0 },
      )
      return queryClient.invalidateQueries({ queryKey: queryKeys.sessions.lists })
    },
  })
}
