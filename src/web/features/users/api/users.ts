import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { temporaryPasswordSchema, userListSchema, userSchema, type UserCreate, type UserPatch } from '@shared/users'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

export const usersQuery = () =>
  queryOptions({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => api.get('/users', userListSchema, { signal }),
  })

function useRefreshUsers() {
  const queryClient = useQueryClient()
  // Names and roles show elsewhere too (transfer lists, the signed-in user).
  return () =>
    Promise.all([queryKeys.users, queryKeys.auth.me].map((queryKey) => queryClient.invalidateQueries({ queryKey })))
}

export function useInviteUser() {
  const onSuccess = useRefreshUsers()
  return useMutation({
    mutationFn: (input: UserCreate) => api.post('/users', temporaryPasswordSchema, input),
    onSuccess,
  })
}

export function useUpdateUser() {
  const onSuccess = useRefreshUsers()
  return useMutation({
    mutationFn: ({ id, ...patch }: UserPatch & { id: string }) => api.patch(`/users/${id}`, userSchema, patch),
    onSuccess,
  })
}

export function useResetPassword() {
  const onSuccess = useRefreshUsers()
  return useMutation({
    mutationFn: (id: string) => api.post(`/users/${id}/password-reset`, temporaryPasswordSchema),
    onSuccess,
  })
}
