import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod'
import { missingRequiredSchema } from '@shared/sessions'
import { api } from './api-client'
import { queryKeys } from './query-keys'

const requiredListSchema = z.object({ items: z.array(missingRequiredSchema) })

/**
 * What closing the dialogue still needs (GET /sessions/{id}/required): the card marks those parameters,
 * and «Закрыть» opens with their editors. Under the client's key, so that a value filled refreshes it.
 */
export const requiredToCloseQuery = (sessionId: string, clientId: string) =>
  queryOptions({
    queryKey: queryKeys.clients.requiredToClose(clientId, sessionId),
    queryFn: ({ signal }) => api.get(`/sessions/${sessionId}/required`, requiredListSchema, { signal }),
  })
