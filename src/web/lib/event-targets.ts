import type { Query, QueryClient, QueryFilters } from '@tanstack/react-query'
import type { ChatEvent } from '@shared/events'
import { queryKeys, type AppQueryKey } from './query-keys'

// What each live event refreshes, and the refreshes batched: loaded beside the first screen, not in it.

type Target = { queryKey: AppQueryKey; exact?: boolean }

/** Which queries an event makes stale. Events carry ids, not rows (contract "Events"). */
function targetsOf(e: ChatEvent, queryClient: QueryClient): Target[] {
  const { sessions, clients, catalog, reviews } = queryKeys
  const sessionId = 'sessionId' in e ? e.sessionId : undefined
  const clientId = 'clientId' in e ? e.clientId : undefined
  const sessionTargets: Target[] = sessionId
    ? [{ queryKey: sessions.detail(sessionId), exact: true }, { queryKey: sessions.lists }]
    : [{ queryKey: sessions.lists }]
  const clientOfSession: Target[] = clientId ? [{ queryKey: clients.detail(clientId) }] : []
  // A supervisor's review queue lists changed cards with their diffs (features/reviews).
  const clientTargets: Target[] = clientId
    ? [{ queryKey: clients.detail(clientId) }, { queryKey: clients.lists }, { queryKey: reviews.all }]
    : []
  switch (e.type) {
    case 'message.created':
      return [{ queryKey: sessions.messages(e.sessionId) }]
    case 'session.created':
    case 'session.updated':
      return [...sessionTargets, ...clientOfSession]
    case 'session.tags.changed':
      // The session's tag list sits under its key, which the exact match above skips; the catalog
      // page shows how often each tag is used.
      return [
        ...sessionTargets,
        ...clientOfSession,
        { queryKey: sessions.tags(e.sessionId) },
        { queryKey: catalog.tags('session') },
      ]
    case 'client.updated':
      // The client's name shows in the dialogue list as well.
      return [...clientTargets, { queryKey: sessions.lists }]
    case 'client.attributes.changed':
      // That card's list, that parameter's history and the client's timeline; nothing else shows a value
      // live. A panel that already shows this version (its own save put it there) has nothing to fetch.
      return shows(queryClient, e)
        ? []
        : [
            { queryKey: clients.attributes(e.clientId), exact: true },
            { queryKey: clients.attributeHistory(e.clientId, e.attributeId) },
            { queryKey: clients.history(e.clientId) },
            { queryKey: clients.requiredToCloseAll(e.clientId) },
          ]
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
      return [{ queryKey: e.sessionId ? sessions.comments(e.sessionId) : clients.comments(e.clientId) }]
    case 'suggestion.created':
      return [{ queryKey: sessions.suggestions(e.sessionId) }]
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

/**
 * Whether this panel has the change in hand: the card on screen holds the value at the event's version (or a
 * later one), or this panel's own save of that value is on its way (its event can come before its answer),
 * and the save refreshes what it changed (features/client-card/api/attributes).
 */
function shows(queryClient: QueryClient, e: Extract<ChatEvent, { type: 'client.attributes.changed' }>) {
  const listKey = queryKeys.clients.attributes(e.clientId)
  const list = queryClient.getQueryData<{ items: { id: string; version: number }[] }>(listKey)
  if ((list?.items.find((item) => item.id === e.attributeId)?.version ?? -1) >= e.version) return true
  return queryClient
    .getMutationCache()
    .findAll({ mutationKey: [...listKey, 'save'], status: 'pending' })
    .some((m) => (m.state.variables as { attributeId?: string } | undefined)?.attributeId === e.attributeId)
}

/**
 * Refreshes what live events make stale, in batches: one refetch for a burst of events (a started
 * dialogue sends three). `all` refreshes everything shown but the signed-in user.
 */
export function createRefresher(queryClient: QueryClient, delayMs = 100) {
  const pending = new Map<string, Target>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    const targets = [...pending.values()]
    pending.clear()
    for (const target of targets) void invalidate(queryClient, target)
  }
  return {
    add(event: ChatEvent) {
      for (const t of targetsOf(event, queryClient)) pending.set(JSON.stringify(t), t)
      if (pending.size) timer ??= setTimeout(flush, delayMs)
    },
    all: () => void invalidate(queryClient, { predicate: (q) => q.queryKey[0] !== queryKeys.auth.all[0] }),
    cancel: () => clearTimeout(timer),
  }
}
