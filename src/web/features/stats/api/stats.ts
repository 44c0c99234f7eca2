import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { cardStatsSchema } from '@shared/stats'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

export interface StatsPeriod {
  from?: string
  to?: string
  staleDays: number
}

/** The card quality figures for a period; under the client lists, so client events refresh them. */
export const cardStatsQuery = (p: StatsPeriod) =>
  queryOptions({
    queryKey: queryKeys.clients.stats(p.from ?? '', p.to ?? '', p.staleDays),
    queryFn: ({ signal }) =>
      api.get('/stats/cards', cardStatsSchema, { query: { from: p.from, to: p.to, staleDays: p.staleDays }, signal }),
    placeholderData: keepPreviousData,
  })
