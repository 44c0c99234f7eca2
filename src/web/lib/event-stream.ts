import type { Query, QueryClient, QueryFilters } from '@tanstack/react-query'
import type { ChatEvent } from '@shared/events'
import { authorizedFetch, msUntilRenewal, renewIfEnding } from './api-client'
import type { BatchProgress, LiveStatus } from './events'
import { queryKeys, type AppQueryKey } from './query-keys'
import { readServerSentEvents } from './sse'

// The live-updates stream and what each event refreshes: loaded beside the first screen, not in it.

type Target = { queryKey: AppQueryKey; exact?: boolean }

/** Which queries an event makes stale. Events carry ids, not rows (contract "Events"). */
function targetsOf(e: ChatEvent): Target[] {
  const { sessions, clients, catalog, reviews } = queryKeys
  const sessionTargets: Target[] = e.sessionId
    ? [{ queryKey: sessions.detail(e.sessionId), exact: true }, { queryKey: sessions.lists }]
    : [{ queryKey: sessions.lists }]
  const clientOfSession: Target[] = e.clientId ? [{ queryKey: clients.detail(e.clientId) }] : []
  // A supervisor's review queue lists changed cards with their diffs (features/reviews).
  const clientTargets: Target[] = e.clientId
    ? [{ queryKey: clients.detail(e.clientId) }, { queryKey: clients.lists }, { queryKey: reviews.all }]
    : []
  switch (e.type) {
    case 'message.created':
      return e.sessionId ? [{ queryKey: sessions.messages(e.sessionId) }] : []
    case 'session.created':
    case 'session.updated':
      return [...sessionTargets, ...clientOfSession]
    case 'session.tags.changed':
      // The session's tag list sits under its key, which the exact match above skips; the catalog
      // page shows how often each tag is used.
      return [
        ...sessionTargets,
        ...clientOfSession,
        ...(e.sessionId ? [{ queryKey: sessions.tags(e.sessionId) }] : []),
        { queryKey: catalog.tags('session') },
      ]
    case 'client.updated':
      // The client's name shows in the dialogue list as well.
      return [...clientTargets, { queryKey: sessions.lists }]
    case 'client.attributes.changed':
      // The catalog page counts the clients who have a value of each attribute.
      return [...clientTargets, { queryKey: catalog.attributes }]
    case 'client.tags.changed':
      // A client tag belongs to every dialogue of the client, so the dialogue lists follow as well.
      return [...clientTargets, { queryKey: sessions.lists }, { queryKey: catalog.tags('client') }]
    case 'clients.changed':
      // An import, a bulk edit or its undo: many cards at once.
      return [
        { queryKey: clients.all },
        { queryKey: sessions.lists },
        { queryKey: reviews.all },
        { queryKey: catalog.attributes },
        { queryKey: catalog.tags('client') },
      ]
    case 'batch.progress':
      return []
    case 'comment.changed':
      return e.sessionId
        ? [{ queryKey: sessions.comments(e.sessionId) }]
        : e.clientId
          ? [{ queryKey: clients.comments(e.clientId) }]
          : []
    case 'suggestion.created':
      return e.sessionId ? [{ queryKey: sessions.suggestions(e.sessionId) }] : []
    case 'catalog.changed':
      // A renamed attribute or tag shows on every card and dialogue: refresh all but the signed-in user.
      // Operators' online status travels with their groups: the transfer list shows it.
      return [
        { queryKey: clients.all },
        { queryKey: sessions.all },
        { queryKey: catalog.all },
        { queryKey: reviews.all },
        { queryKey: queryKeys.operators.all },
      ]
  }
}

/**
 * A query may cap how many loaded pages a live refetch repeats (`meta.liveRefetchPages`): the client
 * directory can hold hundreds of pages, and refetching an infinite list repeats each one in turn. Past
 * the cap it is only marked stale, and refreshes with the next change of the view.
 */
const tooDeep = (q: Query) => {
  const cap = q.meta?.liveRefetchPages
  const pages = (q.state.data as { pages?: unknown[] } | undefined)?.pages?.length ?? 0
  return typeof cap === 'number' && pages > cap
}

/** invalidateQueries, with the refetch left out for lists past their cap. */
function invalidate(queryClient: QueryClient, filters: QueryFilters) {
  void queryClient.invalidateQueries({ ...filters, refetchType: 'none' })
  const shallow = (q: Query) => (filters.predicate?.(q) ?? true) && !tooDeep(q)
  return queryClient.refetchQueries({ ...filters, type: 'active', predicate: shallow })
}

/** Invalidates in batches: one refetch for a burst of events (a started dialogue sends three). */
function createInvalidator(queryClient: QueryClient, delayMs = 100) {
  const pending = new Map<string, Target>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    const targets = [...pending.values()]
    pending.clear()
    for (const target of targets) void invalidate(queryClient, target)
  }
  return {
    add(targets: Target[]) {
      for (const t of targets) pending.set(JSON.stringify(t), t)
      timer ??= setTimeout(flush, delayMs)
    },
    cancel: () => clearTimeout(timer),
  }
}

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
function startEventStream(handlers: {
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

/**
 * Keeps React Query in step with the company's live events: `onStatus` hears whether the stream is up,
 * `onProgress` each batch's progress. Returns the way to stop.
 */
export function connectLiveUpdates(
  queryClient: QueryClient,
  onStatus: (status: LiveStatus) => void,
  onProgress: (progress: BatchProgress) => void,
) {
  const invalidator = createInvalidator(queryClient)
  const stop = startEventStream({
    onEvent: (event) => {
      if (event.type === 'batch.progress')
        onProgress({ userId: event.userId, done: event.done ?? 0, total: event.total ?? null })
      invalidator.add(targetsOf(event))
    },
    onStatus,
    // Events sent while the stream was down are lost: refresh everything shown.
    onReconnect: () => void invalidate(queryClient, { predicate: (q) => q.queryKey[0] !== queryKeys.auth.all[0] }),
  })
  return () => {
    stop()
    invalidator.cancel()
  }
}
