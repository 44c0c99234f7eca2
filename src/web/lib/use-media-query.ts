import { useSyncExternalStore } from 'react'

/**
 * Whether a media query matches now, following changes (a window resized across a breakpoint). Where
 * the page cannot tell (no matchMedia), it answers `fallback`.
 */
export function useMediaQuery(query: string, fallback = true) {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== 'function') return () => {}
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    () => (typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : fallback),
  )
}
