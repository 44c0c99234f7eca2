import { infiniteQueryOptions, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query'
import { messageListSchema, messageSchema, type Message } from '@shared/messages'
import { api } from '@/lib/api-client'
import { nextOffset } from '@/lib/offset-pages'
import { queryKeys } from '@/lib/query-keys'

const PAGE_SIZE = 50
type MessagePage = { count: number; items: Message[] }

/**
 * Page 0 holds the newest messages; each next page reaches further back (the API's offset counts back
 * from the newest). A refetch recomputes the offsets from fresh pages, so new messages do not shift them.
 */
export const messagesQuery = (sessionId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.sessions.messages(sessionId),
    queryFn: ({ pageParam, signal }) =>
      api.get(`/sessions/${sessionId}/messages`, messageListSchema, {
        query: { limit: PAGE_SIZE, offset: pageParam },
        signal,
      }),
    initialPageParam: 0,
    getNextPageParam: nextOffset(PAGE_SIZE),
  })

/** Oldest first, each message once, ready to render. */
export function threadOf(data: InfiniteData<MessagePage> | undefined): Message[] {
  if (!data) return []
  const seen = new Set<string>()
  return data.pages
    .toReversed()
    .flatMap((page) => page.items)
    .filter((m) => !seen.has(m.id) && seen.add(m.id))
}

export function useSendMessage(sessionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: string) => api.post(`/sessions/${sessionId}/operators/messages`, messageSchema, { body }),
    onSuccess: (message) => {
      // Shown at once, so the composer can clear without waiting; the refetches bring the rest.
      queryClient.setQueryData<InfiniteData<MessagePage>>(queryKeys.sessions.messages(sessionId), (data) => {
        const [newest, ...older] = data?.pages ?? []
        if (!data || !newest) return data
        return { ...data, pages: [{ ...newest, items: [...newest.items, message] }, ...older] }
      })
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.messages(sessionId) })
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.detail(sessionId), exact: true })
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.lists })
    },
  })
}
