import { useMutation } from '@tanstack/react-query'
import { apiTokenSchema } from '@shared/auth'
import { api } from '@/lib/api-client'

export const useIssueApiToken = () =>
  useMutation({ mutationFn: (ttlDays: number) => api.post('/auth/api-tokens', apiTokenSchema, { ttlDays }) })
