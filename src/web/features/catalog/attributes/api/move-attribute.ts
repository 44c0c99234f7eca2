import { useMutation, useQueryClient } from '@tanstack/react-query'
import { toast } from 'sonner'
import { attributeSchema, type Attribute } from '@shared/attributes'
import { api } from '@/lib/api-client'
import { catalogQueries } from '@/lib/catalog-queries'
import { queryKeys } from '@/lib/query-keys'

type Catalog = { count: number; items: Attribute[] }

/**
 * The order after moving one attribute to `target`, the same way the service does it: take it out,
 * put it back at that index of the whole catalog, number everything 0..n-1.
 */
function moveInCatalog(items: Attribute[], id: string, target: number): Attribute[] {
  const moving = items.find((a) => a.id === id)
  if (!moving) return items
  const rest = items.filter((a) => a.id !== id)
  rest.splice(Math.min(target, rest.length), 0, moving)
  return rest.map((a, position) => (a.position === position ? a : { ...a, position }))
}

/** Reordering answers at once; a refused move puts the list back and says so. */
export function useMoveAttribute() {
  const queryClient = useQueryClient()
  const { queryKey } = catalogQueries.attributes()
  const mutationKey = [...queryKeys.catalog.attributes, 'move']
  return useMutation({
    mutationKey,
    mutationFn: ({ id, target }: { id: string; target: number }) =>
      api.patch(`/clients/attributes/${id}`, attributeSchema, { position: target }),
    onMutate: async ({ id, target }) => {
      await queryClient.cancelQueries({ queryKey })
      const previous = queryClient.getQueryData<Catalog>(queryKey)
      queryClient.setQueryData<Catalog>(
        queryKey,
        (old) => old && { ...old, items: moveInCatalog(old.items, id, target) },
      )
      return { previous }
    },
    onError: (error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous)
      toast.error(`Не удалось изменить порядок: ${error.message}`)
    },
    // Quick moves in a row: refetching after the first would show the list without the later ones.
    onSettled: () =>
      queryClient.isMutating({ mutationKey }) === 1
        ? queryClient.invalidateQueries({ queryKey: queryKeys.catalog.attributes })
        : undefined,
  })
}
