import { useEffect, useState } from 'react'

const MARK_MS = 2000

/**
 * True for a moment after the value's version changed through someone else: another operator or an
 * integration. The operator's own saves (`own`) are not marked: they know what they just did.
 */
export function useChangeMark(version: number, own: boolean) {
  const [seen, setSeen] = useState(version)
  const [marked, setMarked] = useState<number | null>(null)
  // Adjusting state to a changed prop during render (react.dev "You might not need an effect").
  if (seen !== version) {
    setSeen(version)
    setMarked(own ? null : version)
  }
  useEffect(() => {
    if (marked === null) return
    const timer = setTimeout(() => setMarked(null), MARK_MS)
    return () => clearTimeout(timer)
  }, [marked])
  return marked !== null
}
