import { queryOptions } from '@tanstack/react-query'
import { companySchema } from '@shared/company'
import { api } from './api-client'
import { queryKeys } from './query-keys'

/** The signed-in person's company and its settings: read by its admin page and by what they allow. */
export const companyQuery = () =>
  queryOptions({
    queryKey: queryKeys.company.all,
    queryFn: ({ signal }) => api.get('/company', companySchema, { signal }),
  })
