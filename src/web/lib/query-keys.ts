/** Whose tags: the client catalog or the session catalog. */
export type TagKind = 'client' | 'session'

const clientKey = (clientId: string) => ['clients', clientId] as const
const sessionKey = (sessionId: string) => ['sessions', sessionId] as const
const tagCatalogKey = (kind: TagKind) => ['catalog', kind === 'client' ? 'clientTags' : 'sessionTags'] as const

/**
 * Every query key of the panel, one root per resource. Feature queries and the live-event map
 * (lib/events.ts) take their keys from here: invalidating a key refreshes every key built under it.
 */
export const queryKeys = {
  auth: { all: ['auth'] as const, me: ['auth', 'me'] as const, apiTokens: ['auth', 'api-tokens'] as const },
  users: ['users'] as const,
  audit: (action: string) => ['audit', action] as const,
  privacy: {
    all: ['privacy'] as const,
    requests: ['privacy', 'requests'] as const,
    due: ['privacy', 'requests', 'due'] as const,
    acts: ['privacy', 'acts'] as const,
    settings: ['privacy', 'settings'] as const,
    retention: ['privacy', 'settings', 'retention'] as const,
  },
  templates: {
    all: ['templates'] as const,
    forSession: (sessionId: string) => ['templates', 'session', sessionId] as const,
    rendered: (sessionId: string, templateId: string) => ['templates', 'session', sessionId, templateId] as const,
    usage: ['templates', 'usage'] as const,
    preview: (clientId: string, body: string) => ['templates', 'preview', clientId, body] as const,
  },
  webhooks: {
    all: ['webhooks'] as const,
    /** A delivery log by its path: a webhook's deliveries or a chat's callbacks. */
    deliveries: (logPath: string, status: string) => ['webhooks', 'log', logPath, status] as const,
    channelSecret: ['webhooks', 'channel-secret'] as const,
  },
  sessions: {
    all: ['sessions'] as const,
    lists: ['sessions', 'list'] as const,
    list: (filters: Readonly<Record<string, unknown>>) => ['sessions', 'list', filters] as const,
    detail: sessionKey,
    messages: (sessionId: string) => [...sessionKey(sessionId), 'messages'] as const,
    tags: (sessionId: string) => [...sessionKey(sessionId), 'tags'] as const,
    /** Notes on this dialogue. */
    comments: (sessionId: string) => [...sessionKey(sessionId), 'comments'] as const,
    /** Values from the client's messages offered for the card (features/client-card). */
    suggestions: (sessionId: string) => [...sessionKey(sessionId), 'suggestions'] as const,
  },
  clients: {
    all: ['clients'] as const,
    lists: ['clients', 'list'] as const,
    duplicates: ['clients', 'list', 'duplicates'] as const,
    /** Card quality figures for a period. */
    stats: (from: string, to: string, staleDays: number) =>
      ['clients', 'list', 'stats', { from, to, staleDays }] as const,
    /** Saved views with their counts: refreshed with the clients they count. */
    views: ['clients', 'list', 'views'] as const,
    /** One view's count, for a view the list left uncounted. */
    viewCount: (viewId: string) => ['clients', 'list', 'views', viewId, 'count'] as const,
    /** Recent bulk edits: refreshed with the clients they change. */
    bulkEdits: ['clients', 'list', 'bulk-edits'] as const,
    /** Recent imports: refreshed with the clients they change. */
    imports: ['clients', 'list', 'imports'] as const,
    /** A few clients by keyword, for picking one (the merge's other card). */
    search: (keyword: string) => ['clients', 'list', 'search', keyword] as const,
    /** The directory for one API query and one set of attribute columns. */
    directory: (apiQuery: string, columns: string) => ['clients', 'list', 'directory', apiQuery, columns] as const,
    /** How many clients an API query matches, counted past the directory's cap (before a bulk edit of them all). */
    exactCount: (apiQuery: string) => ['clients', 'list', 'exact-count', apiQuery] as const,
    detail: clientKey,
    attributes: (clientId: string) => [...clientKey(clientId), 'attributes'] as const,
    attributeHistory: (clientId: string, attributeId: string) =>
      [...clientKey(clientId), 'attributes', attributeId, 'history'] as const,
    tags: (clientId: string) => [...clientKey(clientId), 'tags'] as const,
    sessions: (clientId: string) => [...clientKey(clientId), 'sessions'] as const,
    history: (clientId: string) => [...clientKey(clientId), 'history'] as const,
    /** What closing a dialogue of theirs still needs: refreshed with the client's values and tags. */
    requiredToClose: (clientId: string, sessionId: string) =>
      [...clientKey(clientId), 'required-to-close', sessionId] as const,
    /** The same, for every dialogue of the client. */
    requiredToCloseAll: (clientId: string) => [...clientKey(clientId), 'required-to-close'] as const,
    /** Notes on the client (every dialogue with them shows them). */
    comments: (clientId: string) => [...clientKey(clientId), 'comments'] as const,
  },
  catalog: {
    all: ['catalog'] as const,
    attributes: ['catalog', 'attributes'] as const,
    attributeList: ['catalog', 'attributes', 'list'] as const,
    tags: tagCatalogKey,
    tagList: (kind: TagKind, includeArchived: boolean) => [...tagCatalogKey(kind), { includeArchived }] as const,
    tagGroups: (kind: TagKind) => [...tagCatalogKey(kind), 'groups'] as const,
    chats: ['catalog', 'chats'] as const,
    operatorGroups: ['catalog', 'operatorGroups'] as const,
  },
  operators: { all: ['operators'] as const },
  company: { all: ['company'] as const },
  reviews: {
    all: ['reviews'] as const,
    pending: ['reviews', 'pending'] as const,
    count: ['reviews', 'count'] as const,
  },
}

type KeysOf<T> = T extends readonly unknown[]
  ? T
  : T extends (...args: never[]) => infer K
    ? K
    : { [P in keyof T]: KeysOf<T[P]> }[keyof T]

/** A key the factory makes: anything else given where this is expected is a type error. */
export type AppQueryKey = KeysOf<typeof queryKeys>
