import { useMutation, useQueryClient } from '@tanstack/react-query'
import { loginResultSchema, meSchema, type LoginInput, type Me } from '@shared/auth'
import { api } from '@/lib/api-client'
import { normalizeBaseUrl, startSession } from '@/lib/auth-store'
import { queryKeys } from '@/lib/query-keys'

/** A new session starts from an empty cache: nothing of the previous person or service is shown. */
function useStartSession() {
  const queryClient = useQueryClient()
  return (session: { baseUrl?: string; authToken: string; refreshToken: string | null }, me: Me) => {
    queryClient.clear()
    startSession(session)
    queryClient.setQueryData(queryKeys.auth.me, me)
  }
}

export function useLogin() {
  const start = useStartSession()
  return useMutation({
    mutationFn: (input: LoginInput) => api.post('/auth/login', loginResultSchema, input, { auth: false }),
    onSuccess: ({ authToken, refreshToken, user }) => start({ authToken, refreshToken }, user),
  })
}

/** The "Токен" tab: the pasted token is checked with GET /auth/me on that service before it is kept. */
export function useTokenSignIn() {
  const start = useStartSession()
  return useMutation({
    mutationFn: async (input: { baseUrl: string; token: string }) => {
      const session = { baseUrl: normalizeBaseUrl(input.baseUrl), authToken: input.token.trim() }
      const me = await api.get('/auth/me', meSchema, { auth: session })
      return { session, me }
    },
    onSuccess: ({ session, me }) => start({ ...session, refreshToken: null }, me),
  })
}
