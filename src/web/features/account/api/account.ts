import { useMutation, useQueryClient } from '@tanstack/react-query'
import { meSchema, tokenPairSchema, type PasswordChange, type ProfileInput } from '@shared/auth'
import { api } from '@/lib/api-client'
import { updateTokens } from '@/lib/auth-store'
import { queryKeys } from '@/lib/query-keys'

/** A new password ends every earlier session: the answer's pair continues this one. */
export function useChangePassword() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: PasswordChange) => api.post('/auth/password', tokenPairSchema, input),
    onSuccess: async (pair) => {
      updateTokens(pair)
      await queryClient.invalidateQueries({ queryKey: queryKeys.auth.me })
    },
  })
}

export function useUpdateProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ProfileInput) => api.patch('/auth/me', meSchema, input),
    onSuccess: (me) => queryClient.setQueryData(queryKeys.auth.me, me),
  })
}
