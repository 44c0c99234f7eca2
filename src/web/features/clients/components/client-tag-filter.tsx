import { useQuery } from '@tanstack/react-query'
import { ChipFilter } from '../../../components/ui/chip-filter'
import { ErrorState, LoadingState } from '../../../components/ui/states'
import { tagCatalogQueries } from '../../catalog/tags/api/tag-catalog'

/** Clients by client tags (GET /clients?tagId=…, all of the chosen); archived tags too, they stay on clients. */
export function ClientTagFilter({ value, onChange }: { value: string[]; onChange: (tagIds: string[]) => void }) {
  const catalog = useQuery(tagCatalogQueries.list('client', true))
  const status = catalog.isPending ? <LoadingState />
    : catalog.isError ? <ErrorState error={catalog.error} onRetry={() => void catalog.refetch()} /> : undefined
  const options = (catalog.data?.items ?? []).map((t) => ({
    value: t.id, label: t.archivedAt ? `${t.name} (в архиве)` : t.name, color: t.color,
  }))

  return (
    <ChipFilter
      label="Теги" popoverLabel="Фильтр по тегам клиента" groups={[{ options }]}
      selected={value} onChange={onChange} status={status}
      emptyText="Тегов клиентов пока нет" unknownLabel="неизвестный тег"
    />
  )
}
