import * as Popover from '@radix-ui/react-popover'
import { PopoverContent } from '@/components/ui/popover'
import { Plus } from 'lucide-react'
import { useState } from 'react'
import type { Attribute } from '@shared/attributes'
import type { AttributeFilter } from '@shared/attribute-filters'
import { Button } from '@/components/ui/button'
import { AttributeConditionForm } from './attribute-condition-form'
import { AttributeCommand } from '@/components/attribute-command'

interface AttributeFilterPopoverProps {
  /** Active attributes of the catalog, in card order. */
  attributes: Attribute[]
  /** Applying a filter on an attribute that has one replaces it: the API takes one per attribute. */
  onApply: (filter: AttributeFilter) => void
}

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
      <PopoverContent
        aria-label={picked ? `Фильтр: ${picked.name}` : 'Фильтр по параметру'}
        align="start"
        className="w-80"
      >
        {picked ? (
          <AttributeConditionForm
            attribute={picked}
            onBack={() => setPicked(null)}
            onApply={(filter) => {
              onApply(filter)
              toggle(false)
            }}
          />
        ) : (
          <AttributeCommand
            attributes={attributes}
            listLabel="Параметры"
            emptyText="В каталоге пока нет параметров"
            onPick={setPicked}
          />
        )}
      </PopoverContent>
    </Popover.Root>
  )
}
