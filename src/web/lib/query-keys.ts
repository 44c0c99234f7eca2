/**
 * Roots of the query keys. Features build their keys on these, and live events (lib/events.ts)
 * invalidate by them, so a key added under a root is refreshed by the events of that root.
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  sessionLists: ['sessions', 'list'] as const,
  session: (sessionId: string) => ['sessions', sessionId] as const,
  sessionMessages: (sessionId: string) => ['sessions', sessionId, 'messages'] as const,
  clientLists: ['clients', 'list'] as const,
  client: (clientId: string) => ['clients', clientId] as const,
  operators: ['operators'] as const,
  reviews: ['reviews'] as const,
}
