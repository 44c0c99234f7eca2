import { useInfiniteQuery } from '@tanstack/react-query'
import { useLayoutEffect, useRef } from 'react'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { messagesQuery, threadOf } from '@/features/dialogues/api/messages'
import { MessageItem } from './message-item'

const NEAR_BOTTOM_PX = 80

export function MessageThread({ sessionId }: { sessionId: string }) {
  const query = useInfiniteQuery(messagesQuery(sessionId))
  const messages = threadOf(query.data)
  const last = messages.at(-1)
  const scroller = useRef<HTMLDivElement>(null)
  const followNewest = useRef(true)

  // New messages scroll into view unless the operator has scrolled up to read older ones;
  // their own reply always does.
  useLayoutEffect(() => {
    const el = scroller.current
    if (el && (followNewest.current || last?.authorType === 'operator')) el.scrollTop = el.scrollHeight
  }, [last?.id, last?.authorType])

  if (query.isPending) return <LoadingState label="Загружаем сообщения…" />
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />

  return (
    <div
      ref={scroller}
      className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-4 py-3"
      onScroll={(e) => {
        const el = e.currentTarget
        followNewest.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX
      }}
    >
      {query.hasNextPage && (
        <div className="mb-3 text-center">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage && <Spinner />} Показать ранние
          </Button>
        </div>
      )}
      {messages.length === 0 ? (
        <EmptyState title="Сообщений пока нет" />
      ) : (
        // role="log": screen readers announce messages as they arrive.
        <div role="log" aria-label="Сообщения">
          <ol className="space-y-2">
            {messages.map((message) => (
              <MessageItem key={message.id} message={message} />
            ))}
          </ol>
        </div>
      )}
    </div>
  )
}
