import { ListFilter } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button } from './button'
import { Chip, ColorDot } from './chip'
import { MultiSelectPopover } from './multi-select-popover'

interface ChipFilterOption {
  value: string
  label: string
  color: string
}

interface ChipFilterProps {
  /** The button's text, e.g. "Теги". */
  label: string
  /** The popover's name, e.g. "Фильтр по тегам". */
  popoverLabel: string
  groups: { heading?: string; options: ChipFilterOption[] }[]
  selected: string[]
  onChange: (selected: string[]) => void
  status?: ReactNode
  emptyText?: string
  /** Said for a chosen value that is not among the options (say, from an old link). */
  unknownLabel?: string
}

/**
 * A filter by coloured values (tags): a button opening a searchable checklist, and the chosen values as
 * chips next to it, each removable on its own.
 */
export function ChipFilter(props: ChipFilterProps) {
  const { label, popoverLabel, groups, selected, onChange, status, emptyText, unknownLabel = 'не найдено' } = props
  const chosen = new Set(selected)
  const toggle = (value: string) =>
    onChange(chosen.has(value) ? selected.filter((v) => v !== value) : [...selected, value])
  const known = new Map(groups.flatMap((g) => g.options).map((o) => [o.value, o]))

  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <MultiSelectPopover
        label={popoverLabel}
        searchLabel={`${popoverLabel}: поиск`}
        placeholder="Название"
        groups={groups.map((g) => ({
          heading: g.heading,
          options: g.options.map((o) => ({ value: o.value, label: o.label, icon: <ColorDot color={o.color} /> })),
        }))}
        selected={chosen}
        onToggle={toggle}
        status={status}
        emptyText={emptyText}
        trigger={
          <Button variant="secondary" size="sm">
            <ListFilter aria-hidden className="size-4" /> {label}
            {selected.length > 0 && (
              <span className="rounded-full bg-blue-700 px-1.5 text-xs text-white">{selected.length}</span>
            )}
          </Button>
        }
      />
      {selected.map((value) => {
        // Still shown when unknown, so it can be removed.
        const option = known.get(value)
        const name = option?.label ?? unknownLabel
        return (
          <Chip
            key={value}
            color={option?.color ?? 'gray'}
            onRemove={() => toggle(value)}
            removeLabel={`Убрать фильтр «${name}»`}
          >
            {name}
          </Chip>
        )
      })}
    </div>
  )
}
