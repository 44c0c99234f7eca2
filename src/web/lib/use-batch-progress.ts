import { useEffect, useState } from 'react'
import { onBatchProgress, type BatchProgress } from './batch-progress'

/**
 * The latest `batch.progress` the signed-in user's own batch sent while `running`, for a progress bar;
 * null before the first one arrives. Apart from lib/batch-progress, which the first screen carries.
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
    return onBatchProgress((p) => p.userId === userId && setProgress(p))
  }, [running, userId])
  return progress
}
