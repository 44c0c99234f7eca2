import * as Popover from '@radix-ui/react-popover'
import { PopoverContent } from '@/components/ui/popover'
import { Plus } from 'lucide-react'
import { useRef, useState, type Ref } from 'react'
import type { ClientAttribute } from '@shared/attributes'
import { Button } from '@/components/ui/button'
import { AttributeCommand } from '@/components/attribute-command'
import { useAltShortcut } from '@/lib/use-alt-shortcut'

interface AttributesPickerProps {
  /** The catalog's attributes not on the card yet. */
  items: ClientAttribute[]
  onPick: (id: string) => void
  triggerRef: Ref<HTMLButtonElement>
}

/**
 * "+ Параметр": type to narrow, arrows to move, Enter to pick, Esc to close. Alt+G (the key labelled «П»
 * on the Russian layout) opens it from anywhere on the page.
 */
export function AttributesPicker({ items, onPick, triggerRef }: AttributesPickerProps) {
  const [open, setOpen] = useState(false)
  // The picked attribute's input takes the focus; the popover must not hand it back to the trigger.
  const picked = useRef(false)
  useAltShortcut('KeyG', () => setOpen(true))

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button
          ref={triggerRef}
          variant="secondary"
          size="sm"
          aria-label="Добавить параметр"
          aria-keyshortcuts="Alt+G"
          title="Добавить параметр (Alt+G; на русской раскладке Alt+П)"
        >
          <Plus aria-hidden className="size-4" /> Параметр
        </Button>
      </Popover.Trigger>
      <PopoverContent
        aria-label="Добавить параметр"
        align="start"
        className="w-72"
        onCloseAutoFocus={(e) => {
          if (picked.current) e.preventDefault()
          picked.current = false
        }}
      >
        <AttributeCommand
          attributes={items}
          listLabel="Параметры каталога"
          emptyText="Все параметры каталога уже в карточке"
          onPick={(a) => {
            picked.current = true
            setOpen(false)
            onPick(a.id)
          }}
        />
      </PopoverContent>
    </Popover.Root>
  )
}
