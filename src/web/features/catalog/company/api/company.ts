import { useMutation, useQueryClient } from '@tanstack/react-query'
import { companySchema, type CompanyPatch } from '@shared/company'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

export function useUpdateCompany() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (patch: CompanyPatch) => api.patch('/company', companySchema, patch),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.company.all, saved),
  })
}
