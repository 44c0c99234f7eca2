import { queryOptions } from '@tanstack/react-query'
import { api } from './api-client'
import { queryKeys } from './query-keys'

/** The signed-in user: name, role and company, which the layout and role-gated parts read. */
export const meQuery = () =>
  queryOptions({
    queryKey: queryKeys.auth.me,
    // The schema (and zod) loads with the first answer, not with the first screen's script.
    queryFn: async ({ signal }) => api.get('/auth/me', (await import('@shared/auth')).meSchema, { signal }),
    staleTime: 5 * 60_000,
  })
