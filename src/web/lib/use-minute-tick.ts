import { useEffect, useState } from 'react'

/** Re-renders once a minute, so relative times ("5 минут назад") keep up without refetching anything. */
export function useMinuteTick() {
  const [, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 60_000)
    return () => clearInterval(timer)
  }, [])
}
