import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { reportBatchProgress } from './batch-progress'

export type LiveStatus = 'connecting' | 'live' | 'offline'

/**
 * Keeps React Query in step with the company's live events while someone is signed in: the stream
 * (lib/event-stream) feeds each event to what it refreshes (lib/event-targets) and to the progress bars
 * (lib/batch-progress). Both load beside the first screen, not in it.
 */
export function useLiveUpdates(): LiveStatus {
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<LiveStatus>('connecting')
  useEffect(() => {
    let stop: (() => void) | undefined
    let left = false
    void Promise.all([import('./event-stream'), import('./event-targets')]).then(
      ([{ startEventStream }, { createRefresher }]) => {
        if (left) return
        const refresher = createRefresher(queryClient)
        const stopStream = startEventStream({
          onEvent: (event) => {
            if (event.type === 'batch.progress') reportBatchProgress(event)
            refresher.add(event)
          },
          onStatus: setStatus,
          // Events sent while the stream was down are lost: refresh everything shown.
          onReconnect: refresher.all,
        })
        stop = () => {
          stopStream()
          refresher.cancel()
        }
      },
    )
    return () => {
      left = true
      stop?.()
    }
  }, [queryClient])
  return status
}
