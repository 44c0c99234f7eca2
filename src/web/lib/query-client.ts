import { QueryClient } from '@tanstack/react-query'
import { ApiError } from './api-client'

// A 4xx answer will not change by asking again; a lost connection or a 5xx may.
const shouldRetry = (failureCount: number, error: unknown) =>
  failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500)

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Live events invalidate what changed, so data stays fresh without frequent refetching.
      queries: { staleTime: 60_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  })
}
