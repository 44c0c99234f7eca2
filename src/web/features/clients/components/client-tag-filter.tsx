import { useQuery } from '@tanstack/react-query'
import { ListFilter } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { ColorDot } from '@/components/ui/chip'
import { MultiSelectPopover } from '@/components/ui/multi-select-popover'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { catalogQueries } from '@/lib/catalog-queries'
import { cn } from '@/lib/cn'
import { byTagGroup } from '@/lib/tag-groups'

interface ClientTagFilterProps {
  value: string[]
  without: string[]
  onChange: (tagIds: string[], withoutTagIds: string[]) => void
}

/**
 * Clients by client tags: with all of the chosen (GET /clients?tagId=…) or with none of them (withoutTagId);
 * archived tags too, they stay on clients. «С тегом» / «Без тега» above the list says which the checks
 * mean. The chosen tags show as chips with the other filters (filter-chips.tsx).
 */
export function ClientTagFilter({ value, without, onChange }: ClientTagFilterProps) {
  const [absent, setAbsent] = useState(false)
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
  const [list, other] = absent ? [without, value] : [value, without]
  const chosen = new Set(list)
  // A tag is either wanted or unwanted: choosing it here takes it off the other list.
  const toggle = (tagId: string) => {
    const next = chosen.has(tagId) ? list.filter((id) => id !== tagId) : [...list, tagId]
    const rest = other.filter((id) => id !== tagId)
    if (absent) onChange(rest, next)
    else onChange(next, rest)
  }
  const count = value.length + without.length

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
      onOpenChange={() => setAbsent(false)}
      header={
        <div
          role="group"
          aria-label="Какие клиенты"
          className="mb-2 grid grid-cols-2 gap-1 rounded-md bg-slate-100 p-0.5"
        >
          {[false, true].map((mode) => (
            <button
              key={String(mode)}
              type="button"
              aria-pressed={absent === mode}
              onClick={() => setAbsent(mode)}
              className={cn(
                'rounded px-2 py-1 text-sm',
                absent === mode
                  ? 'bg-white font-medium text-slate-900 shadow-sm'
                  : 'text-slate-700 hover:text-slate-900',
              )}
            >
              {mode ? 'Без тега' : 'С тегом'}
            </button>
          ))}
        </div>
      }
      trigger={
        <Button variant="secondary" size="sm">
          <ListFilter aria-hidden className="size-4" /> Теги
          {count > 0 && <span className="rounded-full bg-blue-700 px-1.5 text-xs text-white">{count}</span>}
        </Button>
      }
    />
  )
}
