import { useEffect, useRef } from 'react'

/** Calls `callback` once calls pause for `delayMs` (typing into a search box), with the last arguments. */
export function useDebouncedCallback<A extends unknown[]>(callback: (...args: A) => void, delayMs = 300) {
  const latest = useRef(callback)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => {
    latest.current = callback
  })
  useEffect(() => () => clearTimeout(timer.current), [])
  return (...args: A) => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => latest.current(...args), delayMs)
  }
}
