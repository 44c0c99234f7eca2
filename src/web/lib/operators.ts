import { queryOptions } from '@tanstack/react-query'
import { operatorSchema } from '@shared/auth'
import { listOf } from '@shared/common'
import { api } from './api-client'
import { queryKeys } from './query-keys'

const operatorListSchema = listOf(operatorSchema)

/** The company's users with their role and online status. */
export const operatorsQuery = () =>
  queryOptions({
    queryKey: queryKeys.operators.all,
    queryFn: ({ signal }) => api.get('/operators', operatorListSchema, { signal }),
    staleTime: 5 * 60_000,
  })
