import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'

export type LiveStatus = 'connecting' | 'live' | 'offline'

/** How far an import or a bulk edit has got: `total` is null while unknown (an import still reading its file). */
export type BatchProgress = { userId?: string; done: number; total: number | null }
const progressListeners = new Set<(progress: BatchProgress) => void>()

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
    progressListeners.add(listener)
    return () => void progressListeners.delete(listener)
  }, [running, userId])
  return progress
}

/** Keeps React Query in step with the company's live events while someone is signed in. */
export function useLiveUpdates(): LiveStatus {
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<LiveStatus>('connecting')
  useEffect(() => {
    let stop: (() => void) | undefined
    let left = false
    void import('./event-stream').then(({ connectLiveUpdates }) => {
      if (!left) stop = connectLiveUpdates(queryClient, setStatus, (p) => progressListeners.forEach((l) => l(p)))
    })
    return () => {
      left = true
      stop?.()
    }
  }, [queryClient])
  return status
}
