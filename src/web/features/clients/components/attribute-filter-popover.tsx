import * as Popover from '@radix-ui/react-popover'
import { Command } from 'cmdk'
import { Plus } from 'lucide-react'
import { useState } from 'react'
import { attributeTypeLabels, type Attribute } from '../../../../shared/attributes'
import type { AttributeFilter } from '../../../../shared/client-directory'
import { Button } from '../../../components/ui/button'
import { AttributeConditionForm } from './attribute-condition-form'
import { CommandOption } from '../../../components/ui/command-option'

interface AttributeFilterPopoverProps {
  /** Active attributes of the catalog, in card order. */
  attributes: Attribute[]
  /** Applying a filter on an attribute that has one replaces it: the API takes one per attribute. */
  onApply: (filter: AttributeFilter) => void
}

// Matches the visible name only: cmdk's default fuzzy match would also score the hidden value, an id.
const byName = (_value: string, search: string, keywords?: string[]) =>
  (keywords ?? []).join(' ').toLocaleLowerCase('ru').includes(search.trim().toLocaleLowerCase('ru')) ? 1 : 0

/**
 * "+ Фильтр по параметру": first the attribute (type to narrow, arrows, Enter), then the condition:
 * equal to a value, filled in, or not filled in.
 */
export function AttributeFilterPopover({ attributes, onApply }: AttributeFilterPopoverProps) {
  const [open, setOpen] = useState(false)
  const [picked, setPicked] = useState<Attribute | null>(null)
  const toggle = (next: boolean) => {
    setOpen(next)
    if (!next) setPicked(null)
  }

  return (
    <Popover.Root open={open} onOpenChange={toggle}>
      <Popover.Trigger asChild>
        <Button variant="secondary" size="sm">
          <Plus aria-hidden className="size-4" /> Фильтр по параметру
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          aria-label={picked ? `Фильтр: ${picked.name}` : 'Фильтр по параметру'} align="start" sideOffset={4}
          className="z-30 w-80 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200"
        >
          {picked ? (
            <AttributeConditionForm
              attribute={picked} onBack={() => setPicked(null)}
              onApply={(filter) => {
                onApply(filter)
                toggle(false)
              }}
            />
          ) : (
            <Command label="Найти параметр" filter={byName} className="space-y-1">
              <Command.Input placeholder="Название параметра" className="h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm" />
              <Command.List label="Параметры" className="max-h-64 overflow-y-auto">
                <Command.Empty className="p-2 text-sm text-slate-600">
                  {attributes.length ? 'Ничего не нашлось' : 'В каталоге пока нет параметров'}
                </Command.Empty>
                {attributes.map((a) => (
                  <CommandOption
                    key={a.id} value={a.id} keywords={[a.name]} onSelect={() => setPicked(a)}
                    className="flex items-center justify-between gap-2"
                  >
                    <span className="min-w-0 break-words">{a.name}</span>
                    <span className="shrink-0 text-xs text-slate-600">{attributeTypeLabels[a.type]}</span>
                  </CommandOption>
                ))}
              </Command.List>
            </Command>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}
