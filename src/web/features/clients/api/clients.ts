import { infiniteQueryOptions } from '@tanstack/react-query'
import { clientListSchema } from '../../../../shared/clients'
import { api } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

const PAGE_SIZE = 50

export const clientListQuery = (keyword: string) =>
  infiniteQueryOptions({
    queryKey: [...queryKeys.clientLists, { keyword }],
    queryFn: ({ pageParam, signal }) =>
      api.get('/clients', clientListSchema, { query: { keyword, limit: PAGE_SIZE, offset: pageParam }, signal }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, page) => n + page.items.length, 0)
      return last.items.length === PAGE_SIZE && (last.count === null || loaded < last.count) ? loaded : undefined
    },
  })
