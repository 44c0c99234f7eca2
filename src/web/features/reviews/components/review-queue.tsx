import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useNavigate } from 'react-router'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { useMinuteTick } from '@/lib/use-minute-tick'
import { reviewQueries, useMarkReviewed } from '@/features/reviews/api/reviews'
import { ReviewCard } from './review-card'
import { cardsOf, useQueueKeys } from '@/features/reviews/hooks/use-queue-keys'

const startKeys = new Set(['j', 'о', 'k', 'л'])
const startCodes = new Set(['KeyJ', 'KeyK'])

/** The caller's queue: cards changed since their last review, the longest waiting first. */
export function ReviewQueue() {
  const queue = useQuery(reviewQueries.pending())
  const markReviewed = useMarkReviewed()
  const navigate = useNavigate()
  const listRef = useRef<HTMLOListElement>(null)
  // After "Проверено" the card that takes the cleared one's place gets the focus, to go on from there.
  const focusAfter = useRef<number | null>(null)
  useMinuteTick()

  const items = queue.data?.items
  // The keys work as soon as the queue shows: the first card takes the focus once, if nothing else has it.
  const focusedFirst = useRef(false)
  useEffect(() => {
    if (focusedFirst.current || !items?.length) return
    focusedFirst.current = true
    // Arrived by the sidebar's link (or nothing has focus): the queue takes it.
    const from = document.activeElement
    if (from === document.body || from?.id === 'main' || from?.closest('nav')) cardsOf(listRef.current)[0]?.focus()
  }, [items])
  // j/k pressed anywhere else on the page (not while typing) start at the first card.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const list = listRef.current
      const target = e.target as HTMLElement
      if (
        !list ||
        list.contains(target) ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        target.closest('input, textarea, select, [contenteditable], [role="dialog"]')
      )
        return
      if (!startKeys.has(e.key.toLowerCase()) && !startCodes.has(e.code)) return
      e.preventDefault()
      cardsOf(list)[0]?.focus()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
  useEffect(() => {
    if (focusAfter.current === null) return
    const cards = cardsOf(listRef.current)
    cards[Math.min(focusAfter.current, cards.length - 1)]?.focus()
    focusAfter.current = null
  }, [items])

  const reviewed = (index: number) => {
    const review = items?.[index]
    if (!review) return
    if (cardsOf(listRef.current)[index]?.contains(document.activeElement)) focusAfter.current = index
    markReviewed.mutate(review.client.id)
  }
  const onKeyDown = useQueueKeys({
    open: (index) => {
      const review = items?.[index]
      if (review) void navigate(`/clients/${review.client.id}`)
    },
    reviewed,
  })

  if (queue.isPending) return <LoadingState label="Загружаем очередь…" />
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
  if (queue.data.items.length === 0)
    return <EmptyState title="Всё проверено">Новые изменения карточек появятся здесь сами.</EmptyState>

  const shown = queue.data.items
  const total = queue.data.count
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600" aria-live="polite">
        Ждут проверки: {total}
        {total > shown.length && `, показаны первые ${shown.length}`}
      </p>
      <ol ref={listRef} aria-label="Очередь проверки" className="space-y-3" onKeyDown={onKeyDown}>
        {shown.map((review, i) => (
          <li key={review.client.id}>
            <ReviewCard review={review} onReviewed={() => reviewed(i)} />
          </li>
        ))}
      </ol>
    </div>
  )
}
