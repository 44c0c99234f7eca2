import { useEffect, useState } from 'react'

/** How far an import or a bulk edit has got: `total` is null while unknown (an import still reading its file). */
export type BatchProgress = { userId: string; done: number; total: number | null }

const listeners = new Set<(progress: BatchProgress) => void>()

/** Hands a `batch.progress` event to whoever shows a progress bar (lib/events). */
export const reportBatchProgress = (progress: BatchProgress) => listeners.forEach((listener) => listener(progress))

/**
 * The latest `batch.progress` the signed-in user's own batch sent while `running`, for a progress bar;
 * null before the first one arrives.
 */
export function useBatchProgress(running: boolean, userId: string | undefined) {
  const [progress, setProgress] = useState<BatchProgress | null>(null)
  const [wasRunning, setWasRunning] = useState(running)
  if (wasRunning !== running) {
    setWasRunning(running)
    setProgress(null)
  }
  useEffect(() => {
    if (!running) return
    const listener = (p: BatchProgress) => p.userId === userId && setProgress(p)
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }, [running, userId])
  return progress
}
