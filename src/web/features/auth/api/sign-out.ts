import { useQueryClient } from '@tanstack/react-query'
import { authorizedFetch } from '@/lib/api-client'
import { endSession, getAuth } from '@/lib/auth-store'

/** Ends the session and forgets everything cached for it. Apart from sign-in: the shell needs it, not the schemas. */
export function useSignOut() {
  const queryClient = useQueryClient()
  return () => {
    const { refreshToken } = getAuth()
    // The service revokes the refresh token; signing out does not wait for it, nor fail without it.
    if (refreshToken)
      void authorizedFetch('POST', '/auth/logout', { auth: false, body: { refreshToken } }).catch(() => {})
    endSession('signed-out')
    queryClient.clear()
  }
}
