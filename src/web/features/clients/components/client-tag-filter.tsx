import { useQuery } from '@tanstack/react-query'
import { ListFilter } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { ColorDot } from '@/components/ui/chip'
import { MultiSelectPopover } from '@/components/ui/multi-select-popover'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { catalogQueries } from '@/lib/catalog-queries'
import { byTagGroup } from '@/lib/tag-groups'

/**
 * Clients by client tags (GET /clients?tagId=…, all of the chosen); archived tags too, they stay on
 * clients. The chosen tags show as chips with the other filters (filter-chips.tsx).
 */
export function ClientTagFilter({ value, onChange }: { value: string[]; onChange: (tagIds: string[]) => void }) {
  const catalog = useQuery(catalogQueries.tags('client', true))
  const tagGroups = useQuery(catalogQueries.tagGroups('client'))
  const status = catalog.isPending ? (
    <LoadingState />
  ) : catalog.isError ? (
    <ErrorState error={catalog.error} onRetry={() => void catalog.refetch()} />
  ) : undefined
  const groups = byTagGroup(catalog.data?.items ?? [], tagGroups.data?.items).map(({ heading, items }) => ({
    heading,
    options: items.map((t) => ({
      value: t.id,
      label: t.archivedAt ? `${t.name} (в архиве)` : t.name,
      icon: <ColorDot color={t.color} />,
    })),
  }))
  const chosen = new Set(value)
  const toggle = (tagId: string) => onChange(chosen.has(tagId) ? value.filter((id) => id !== tagId) : [...value, tagId])

  return (
    <MultiSelectPopover
      label="Фильтр по тегам клиента"
      searchLabel="Фильтр по тегам клиента: поиск"
      placeholder="Название"
      groups={groups}
      selected={chosen}
      onToggle={toggle}
      status={status}
      emptyText="Тегов клиентов пока нет"
      trigger={
        <Button variant="secondary" size="sm">
          <ListFilter aria-hidden className="size-4" /> Теги
          {value.length > 0 && (
            <span className="rounded-full bg-blue-700 px-1.5 text-xs text-white">{value.length}</span>
          )}
        </Button>
      }
    />
  )
}
