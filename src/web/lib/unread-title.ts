import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { api } from './api-client'
import { queryKeys } from './query-keys'

const TITLE = 'Kartoteka'

/**
 * The browser tab says how many open dialogues have unread client messages — «(3) Kartoteka» — so a panel in
 * a background tab is noticed. Under the dialogue lists' key: live events keep it current.
 */
export function useUnreadTitle() {
  const unread = useQuery({
    queryKey: queryKeys.sessions.list({ status: 'open', unread: true, countOnly: true }),
    // The list's schema (and zod) loads with the first answer, not with the first screen's script.
    queryFn: async ({ signal }) =>
      api.get('/sessions', (await import('@shared/sessions')).sessionListSchema, {
        query: { status: 'open', unread: true, limit: 1 },
        signal,
      }),
  })
  const count = unread.data?.count ?? 0
  useEffect(() => {
    document.title = count > 0 ? `(${count}) ${TITLE}` : TITLE
    return () => void (document.title = TITLE)
  }, [count])
}
