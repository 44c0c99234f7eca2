import { infiniteQueryOptions } from '@tanstack/react-query'
import { duplicateListSchema } from '@shared/clients'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

const PAGE_SIZE = 20

/** Groups of likely duplicates, page by page; under the client lists, so client events refresh them. */
export const duplicatesQuery = () => infiniteQueryOptions({
  queryKey: queryKeys.clients.duplicates,
  queryFn: ({ pageParam, signal }) => api.get('/clients/duplicates', duplicateListSchema, { query: { limit: PAGE_SIZE, offset: pageParam }, signal }),
  initialPageParam: 0,
  getNextPageParam: (last, pages) => {
    const loaded = pages.reduce((n, page) => n + page.items.length, 0)
    return loaded < last.count ? loaded : undefined
  },
})
