import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { companySchema } from '@shared/company'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

export const companyQuery = () =>
  queryOptions({ queryKey: queryKeys.company.all, queryFn: ({ signal }) => api.get('/company', companySchema, { signal }) })

export function useSetTimeZone() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (timeZone: string) => api.patch('/company', companySchema, { timeZone }),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.company.all, saved),
  })
}
