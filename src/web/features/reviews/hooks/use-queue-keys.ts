import type { KeyboardEvent } from 'react'

type Action = 'next' | 'previous' | 'open' | 'reviewed'

// By the key's place (`code`) as well as its letter, so the keys work in the Russian layout too:
// j/о, k/л, x/ч and п/g are the same keys.
const byCode: Record<string, Action> = { KeyJ: 'next', KeyK: 'previous', KeyX: 'reviewed', KeyG: 'reviewed' }
const byKey: Record<string, Action> = {
  j: 'next',
  о: 'next',
  ArrowDown: 'next',
  k: 'previous',
  л: 'previous',
  ArrowUp: 'previous',
  x: 'reviewed',
  ч: 'reviewed',
  п: 'reviewed',
}

function actionOf(e: KeyboardEvent<HTMLElement>, onCard: boolean): Action | null {
  if (e.key === 'Enter') return e.ctrlKey || e.metaKey ? 'reviewed' : onCard && !e.altKey && !e.shiftKey ? 'open' : null
  // Ctrl+X and the like stay the browser's.
  if (e.ctrlKey || e.metaKey || e.altKey) return null
  return byKey[e.key] ?? byKey[e.key.toLowerCase()] ?? byCode[e.code] ?? null
}

/** The queue's cards in order: the focusable <article> of each item. */
export const cardsOf = (list: HTMLElement | null) => [
  ...(list?.querySelectorAll<HTMLElement>(':scope > li > article') ?? []),
]

/**
 * Keys of the review queue, set on its list: they act on the card that has the focus or holds it.
 * Enter on a card's own button or link is left to that button or link.
 */
export function useQueueKeys(handlers: { open: (index: number) => void; reviewed: (index: number) => void }) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const cards = cardsOf(e.currentTarget)
    const index = cards.findIndex((card) => card.contains(e.target as Node))
    if (index < 0) return
    const action = actionOf(e, e.target === cards[index])
    if (!action) return
    e.preventDefault()
    if (action === 'next') cards[Math.min(index + 1, cards.length - 1)]?.focus()
    else if (action === 'previous') cards[Math.max(index - 1, 0)]?.focus()
    else handlers[action](index)
  }
}
