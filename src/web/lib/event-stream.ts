import type { ChatEvent } from '@shared/events'
import { authorizedFetch, msUntilRenewal, renewIfEnding } from './api-client'
import type { LiveStatus } from './events'
import { readServerSentEvents } from './sse'

// The live-updates stream of the company (GET /events): loaded beside the first screen, not in it.

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

// The service sends a heartbeat every 25 s; a quieter stream is a dead connection.
const SILENCE_LIMIT_MS = 60_000
const MAX_BACKOFF_MS = 30_000

/**
 * Reads GET /events with fetch, because EventSource cannot send the Bearer header, and reconnects with
 * backoff when the stream drops. An expired token is refreshed by the api client on the way.
 */
export function startEventStream(handlers: {
  onEvent: (event: ChatEvent) => void
  onStatus: (status: LiveStatus) => void
  onReconnect: () => void
}): () => void {
  const stop = new AbortController()
  const run = async () => {
    let failures = 0
    let connectedBefore = false
    while (!stop.signal.aborted) {
      const connection = new AbortController()
      const abort = () => connection.abort()
      stop.signal.addEventListener('abort', abort, { once: true })
      let watchdog = setTimeout(abort, SILENCE_LIMIT_MS)
      // The server ends a stream once its token expires: the stream moves to a renewed token just before.
      let renewal: ReturnType<typeof setTimeout> | undefined
      let renewing = false
      try {
        await renewIfEnding()
        const res = await authorizedFetch('GET', '/events', {
          signal: connection.signal,
          headers: { accept: 'text/event-stream' },
        })
        // 401 after a refresh attempt: the session has ended and sign-in takes over.
        if (res.status === 401) return
        if (!res.ok || !res.body) throw new Error(`events: ${res.status}`)
        // Zero: the renewal just failed; the 401 path takes over when the token ends.
        const renewIn = msUntilRenewal()
        if (renewIn) renewal = setTimeout(() => ((renewing = true), abort()), renewIn)
        handlers.onStatus('live')
        if (connectedBefore) handlers.onReconnect()
        connectedBefore = true
        failures = 0
        const stream = readServerSentEvents(res.body, () => {
          clearTimeout(watchdog)
          watchdog = setTimeout(abort, SILENCE_LIMIT_MS)
        })
        const { chatEventSchema } = await import('@shared/events')
        for await (const message of stream) {
          const parsed = chatEventSchema.safeParse(parseJson(message.data))
          // An event of a newer service that this panel does not know is skipped, not fatal.
          if (parsed.success) handlers.onEvent(parsed.data)
        }
      } catch {
        // A dropped or refused connection: try again below.
      } finally {
        clearTimeout(watchdog)
        clearTimeout(renewal)
        stop.signal.removeEventListener('abort', abort)
      }
      if (stop.signal.aborted) return
      if (renewing) continue
      handlers.onStatus('offline')
      failures += 1
      await sleep(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4), stop.signal)
    }
  }
  void run()
  return () => stop.abort()
}
