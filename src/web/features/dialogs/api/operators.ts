import { queryOptions } from '@tanstack/react-query'
import { operatorSchema } from '@shared/auth'
import { listOf } from '@shared/common'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

const operatorListSchema = listOf(operatorSchema)

export const operatorsQuery = () =>
  queryOptions({
    queryKey: queryKeys.operators.all,
    queryFn: ({ signal }) => api.get('/operators', operatorListSchema, { signal }),
    staleTime: 5 * 60_000,
  })
