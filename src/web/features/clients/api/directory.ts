import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query'
import { z } from 'zod'
import { clientDirectorySchema } from '../../../../shared/client-directory'
import { clientSchema } from '../../../../shared/clients'
import { api } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

/** Rows per request: a fast scroll through the directory asks for a page about every two screens. */
export const PAGE_SIZE = 100

/**
 * GET /clients does not return attribute values yet (API gap, issue 5): attribute columns read this
 * optional map of attribute id → value and show "—" while the service leaves it out.
 */
const directoryRowSchema = clientSchema.extend({
  attributes: z.record(z.string(), z.string().nullable()).optional(),
})
export type DirectoryRow = z.infer<typeof directoryRowSchema>
const directoryPageSchema = clientDirectorySchema.extend({ items: z.array(directoryRowSchema) })

/**
 * The directory for filters and sort as the API takes them (`apiQuery`), page by page with the keyset
 * cursor, which stays fast deep into 100,000 clients where an offset would not. Only the first page
 * asks for the total.
 */
export const directoryQuery = (apiQuery: URLSearchParams) =>
  infiniteQueryOptions({
    // Under the client lists' key: live client events refresh it (lib/events.ts).
    queryKey: [...queryKeys.clientLists, 'directory', apiQuery.toString()],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams(apiQuery)
      query.set('limit', String(PAGE_SIZE))
      if (pageParam) {
        query.set('cursor', pageParam)
        query.set('withoutCount', 'true')
      }
      return api.get('/clients', directoryPageSchema, { query, signal })
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor,
    // A new search keeps the old rows on screen until the new ones arrive, instead of a flash of "loading".
    placeholderData: keepPreviousData,
    // A refetch of an infinite list repeats every loaded page; deep in the list that is hundreds of
    // requests, so live events refresh only a shallow one (lib/events.ts) and focus never does.
    refetchOnWindowFocus: false,
    meta: { liveRefetchPages: 5 },
  })
