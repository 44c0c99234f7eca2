import type { Virtualizer } from '@tanstack/react-virtual'
import type { FocusEvent, KeyboardEvent } from 'react'
import { ROW_HEIGHT } from '@/features/clients/components/directory-row'

interface GridKeysOptions {
  /** Loaded rows: the arrows stop at the last one; reaching it loads the next page. */
  count: number
  active: number
  setActive: (index: number) => void
  virtualizer: Virtualizer<HTMLDivElement, Element>
  onOpen: (index: number) => void
  /** Space ticks the current row, where rows can be chosen. */
  onToggle?: (index: number) => void
}

/**
 * The grid keeps the focus itself and points at the current row with aria-activedescendant: a row
 * that scrolls out of view leaves the DOM, and focus on it would be lost with it.
 * ↑/↓ move by a row, PageUp/PageDown by a screen, Home/End to the ends, Enter opens, Space ticks.
 */
export function useGridKeys({ count, active, setActive, virtualizer, onOpen, onToggle }: GridKeysOptions) {
  const move = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index))
    setActive(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }
  const screen = () => Math.max(1, Math.floor((virtualizer.scrollRect?.height ?? 0) / ROW_HEIGHT) - 1)
  // Where the keys start when no row is current yet: the first row in view, wherever the list is scrolled.
  const firstInView = () => Math.min(virtualizer.range?.startIndex ?? 0, count - 1)

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed on a button inside the grid (a sortable column title) are that button's.
    if (e.target !== e.currentTarget || count === 0) return
    const steps: Record<string, () => number> = {
      ArrowDown: () => active + 1,
      ArrowUp: () => active - 1,
      PageDown: () => active + screen(),
      PageUp: () => active - screen(),
      Home: () => 0,
      End: () => count - 1,
    }
    const step = steps[e.key]
    if (step) {
      e.preventDefault()
      move(active < 0 ? firstInView() : step())
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault()
      onOpen(active)
    } else if (e.key === ' ' && active >= 0 && onToggle) {
      e.preventDefault()
      onToggle(active)
    }
  }

  // Tabbing into the grid lands on the first row in view, or on the one left last time.
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target === e.currentTarget && active < 0 && count > 0) setActive(firstInView())
  }

  return { onKeyDown, onFocus }
}
