import { useQueryClient } from '@tanstack/react-query'
import { endSession } from '@/lib/auth-store'

/** Ends the session and forgets everything cached for it. Apart from sign-in: the shell needs it, not the schemas. */
export function useSignOut() {
  const queryClient = useQueryClient()
  return () => {
    endSession('signed-out')
    queryClient.clear()
  }
}
