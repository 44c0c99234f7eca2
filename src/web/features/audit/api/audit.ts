import { infiniteQueryOptions } from '@tanstack/react-query'
import { auditListSchema } from '@shared/audit'
import { api } from '@/lib/api-client'
import { nextOffset } from '@/lib/offset-pages'
import { queryKeys } from '@/lib/query-keys'

const PAGE_SIZE = 50

/** The company's audit log, newest first, page by page; `action` '' is every kind. */
export const auditQuery = (action: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.audit(action),
    queryFn: ({ pageParam, signal }) =>
      api.get('/audit', auditListSchema, {
        query: { limit: PAGE_SIZE, offset: pageParam, ...(action && { action }) },
        signal,
      }),
    initialPageParam: 0,
    getNextPageParam: nextOffset(PAGE_SIZE),
  })
