import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { apiTokenInfoSchema, apiTokenListSchema, apiTokenSchema, type ApiTokenInput } from '@shared/auth'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

export const apiTokensQuery = () =>
  queryOptions({
    queryKey: queryKeys.auth.apiTokens,
    queryFn: ({ signal }) => api.get('/auth/api-tokens', apiTokenListSchema, { signal }),
  })

export function useIssueApiToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ApiTokenInput) => api.post('/auth/api-tokens', apiTokenSchema, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.auth.apiTokens }),
  })
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/auth/api-tokens/${id}`, apiTokenInfoSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.auth.apiTokens }),
  })
}
