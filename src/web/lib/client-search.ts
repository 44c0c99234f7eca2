import { queryOptions } from '@tanstack/react-query'
import { clientDirectorySchema } from '@shared/client-directory'
import { api } from './api-client'
import { queryKeys } from './query-keys'

/** How many clients a picker by keyword fetches: it shows at most one fewer, and knows whether there are more. */
export const CLIENT_SEARCH_LIMIT = 9

/** A few clients by name, phone, e-mail or external ID, for picking one (the merge's other card, a template's trial). */
export const clientSearchQuery = (keyword: string) =>
  queryOptions({
    queryKey: queryKeys.clients.search(keyword),
    queryFn: ({ signal }) =>
      api.get('/clients', clientDirectorySchema, {
        query: { keyword, limit: CLIENT_SEARCH_LIMIT, withoutCount: true },
        signal,
      }),
  })
