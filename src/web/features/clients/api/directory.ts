import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query'
import { clientDirectorySchema, type ClientDirectoryItem, MAX_DIRECTORY_ATTRIBUTES } from '@shared/client-directory'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** Rows per request: a fast scroll through the directory asks for a page about every two screens. */
export const PAGE_SIZE = 100

export type DirectoryRow = ClientDirectoryItem

/**
 * The directory for filters and sort as the API takes them (`apiQuery`), page by page with the keyset
 * cursor, which stays fast deep into 100,000 clients where an offset would not. Only the first page
 * asks for the total. Rows carry the values of `attributeIds` (the attribute columns on screen); the
 * service takes up to MAX_DIRECTORY_ATTRIBUTES, and the column chooser offers no more.
 */
export const directoryQuery = (apiQuery: URLSearchParams, attributeIds: string[]) => {
  // Sorted after the cap: the same set of columns in another order is the same request and cache entry.
  const ids = [...new Set(attributeIds)].slice(0, MAX_DIRECTORY_ATTRIBUTES).sort()
  return infiniteQueryOptions({
    // Under the client lists' key: live client events refresh it (lib/events.ts).
    queryKey: queryKeys.clients.directory(apiQuery.toString(), ids.join(',')),
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams(apiQuery)
      for (const id of ids) query.append('attributeId', id)
      query.set('limit', String(PAGE_SIZE))
      if (pageParam) {
        query.set('cursor', pageParam)
        query.set('withoutCount', 'true')
      }
      return api.get('/clients', clientDirectorySchema, { query, signal })
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
}

/**
 * How many clients match, however many: the directory stops counting at MAX_DIRECTORY_COUNT, and a bulk
 * edit of every client of the filter must say how many it touches.
 */
export const exactCountQuery = (apiQuery: URLSearchParams) =>
  queryOptions({
    queryKey: queryKeys.clients.exactCount(apiQuery.toString()),
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams(apiQuery)
      query.set('withCount', 'exact')
      query.set('limit', '1')
      query.set('withoutItems', 'true')
      return (await api.get('/clients', clientDirectorySchema, { query, signal })).count
    },
  })
