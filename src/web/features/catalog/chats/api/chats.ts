import { useMutation, useQueryClient } from '@tanstack/react-query'
import { chatSchema, type ChatPatch } from '@shared/chats'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

/** Creates a chat (no id) or changes one; the list refreshes before the form closes. */
export function useSaveChat() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...input }: ChatPatch & { id?: string; name: string }) =>
      id ? api.put(`/chats/${id}`, chatSchema, input) : api.post('/chats', chatSchema, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.catalog.chats }),
  })
}
