import { useQuery } from '@tanstack/react-query'
import { ChipFilter } from '@/components/ui/chip-filter'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { catalogQueries } from '@/lib/catalog-queries'

interface DialogueTagFilterValue {
  /** Session tags (GET /sessions?tagId=…), all of the chosen. */
  tagIds: string[]
  /** The client's tags (GET /sessions?clientTagId=…), all of the chosen. */
  clientTagIds: string[]
}

/** Dialogues by session and client tags. Archived tags are offered too: old dialogues keep them. */
export function DialogueTagFilter({
  value,
  onChange,
}: {
  value: DialogueTagFilterValue
  onChange: (next: DialogueTagFilterValue) => void
}) {
  const sessionCatalog = useQuery(catalogQueries.tags('session', true))
  const clientCatalog = useQuery(catalogQueries.tags('client', true))
  const failed = [sessionCatalog, clientCatalog].find((q) => q.isError)
  const status =
    sessionCatalog.isPending || clientCatalog.isPending ? (
      <LoadingState />
    ) : failed ? (
      <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
    ) : undefined
  const options = (items: { id: string; name: string; color: string; archivedAt: string | null }[] = []) =>
    items.map((t) => ({ value: t.id, label: t.archivedAt ? `${t.name} (в архиве)` : t.name, color: t.color }))
  const clientIds = new Set(clientCatalog.data?.items.map((t) => t.id))

  return (
    <ChipFilter
      label="Теги"
      popoverLabel="Фильтр по тегам"
      groups={[
        { heading: 'Теги сессии', options: options(sessionCatalog.data?.items) },
        { heading: 'Теги клиента', options: options(clientCatalog.data?.items) },
      ]}
      selected={[...value.tagIds, ...value.clientTagIds]}
      // Tag ids are unique across both catalogs, so the choice splits back by catalog.
      onChange={(ids) =>
        onChange({
          tagIds: ids.filter((id) => !clientIds.has(id)),
          clientTagIds: ids.filter((id) => clientIds.has(id)),
        })
      }
      status={status}
      emptyText="Тегов пока нет"
      unknownLabel="неизвестный тег"
    />
  )
}
