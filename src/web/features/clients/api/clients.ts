import { infiniteQueryOptions } from '@tanstack/react-query'
import { clientListSchema } from '../../../../shared/clients'
import { api } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

const PAGE_SIZE = 50

/** `tagIds`: client tags, a client must carry all of them. */
export const clientListQuery = (keyword: string, tagIds: string[] = []) =>
  infiniteQueryOptions({
    queryKey: [...queryKeys.clientLists, { keyword, tagIds }],
    queryFn: ({ pageParam, signal }) =>
      api.get('/clients', clientListSchema, { query: { keyword, tagId: tagIds, limit: PAGE_SIZE, offset: pageParam }, signal }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, page) => n + page.items.length, 0)
      return last.items.length === PAGE_SIZE && (last.count === null || loaded < last.count) ? loaded : undefined
    },
  })
