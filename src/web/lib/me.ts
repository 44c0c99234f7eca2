import { queryOptions } from '@tanstack/react-query'
import { meSchema } from '@shared/auth'
import { api } from './api-client'
import { queryKeys } from './query-keys'

/** The signed-in user: name, role and company, which the layout and role-gated parts read. */
export const meQuery = () =>
  queryOptions({
    queryKey: queryKeys.auth.me,
    queryFn: ({ signal }) => api.get('/auth/me', meSchema, { signal }),
    staleTime: 5 * 60_000,
  })
