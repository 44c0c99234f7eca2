import * as Popover from '@radix-ui/react-popover'
import { Command } from 'cmdk'
import { Plus } from 'lucide-react'
import { useRef, useState, type Ref } from 'react'
import { attributeTypeLabels, type ClientAttribute } from '../../../../shared/attributes'
import { Button } from '../../../components/ui/button'
import { CommandOption } from '../../../components/ui/command-option'

interface AttributesPickerProps {
  /** The catalog's attributes not on the card yet. */
  items: ClientAttribute[]
  onPick: (id: string) => void
  triggerRef: Ref<HTMLButtonElement>
}

/** "+ Параметр": type to narrow, arrows to move, Enter to pick, Esc to close. */
export function AttributesPicker({ items, onPick, triggerRef }: AttributesPickerProps) {
  const [open, setOpen] = useState(false)
  // The picked attribute's input takes the focus; the popover must not hand it back to the trigger.
  const picked = useRef(false)

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button ref={triggerRef} variant="secondary" size="sm" aria-label="Добавить параметр">
          <Plus aria-hidden className="size-4" /> Параметр
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          aria-label="Добавить параметр" align="start" sideOffset={4}
          className="z-30 w-72 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200"
          onCloseAutoFocus={(e) => {
            if (picked.current) e.preventDefault()
            picked.current = false
          }}
        >
          <Command label="Найти параметр" className="space-y-1">
            <Command.Input placeholder="Название параметра" className="h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm" />
            <Command.List label="Параметры каталога" className="max-h-64 overflow-y-auto">
              <Command.Empty className="p-2 text-sm text-slate-600">
                {items.length ? 'Ничего не нашлось' : 'Все параметры каталога уже в карточке'}
              </Command.Empty>
              {items.map((a) => (
                <CommandOption
                  key={a.id} value={a.name} keywords={a.description ? [a.description] : undefined}
                  onSelect={() => {
                    picked.current = true
                    setOpen(false)
                    onPick(a.id)
                  }}
                  className="flex items-center justify-between gap-2"
                >
                  <span className="min-w-0 break-words">{a.name}</span>
                  <span className="shrink-0 text-xs text-slate-600">{attributeTypeLabels[a.type]}</span>
                </CommandOption>
              ))}
            </Command.List>
          </Command>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}
