import { Pencil } from 'lucide-react'
import { useRef, useState } from 'react'
import { toast } from 'sonner'
import { hasOptions, type Attribute, type AttributePatch } from '@shared/attributes'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { useUpdateAttribute } from '@/features/catalog/attributes/api/attribute-catalog'
import { AttributeForm } from './attribute-form'

/** Lines whose text changed since the dialog opened: the service rewrites the clients' stored values. */
const renamesOf = (origins: (string | null)[], options: string[]) =>
  origins.flatMap((from, i) =>
    from !== null && options[i] !== undefined && options[i] !== from ? [{ from, to: options[i] }] : [],
  )

/**
 * Rename, options (reorder, rename, add, remove), description, "всегда показывать", "обязателен при закрытии"; the form starts from
 * the attribute as the list shows it.
 */
export function EditAttributeDialog({ attribute }: { attribute: Attribute }) {
  const [open, setOpen] = useState(false)
  const update = useUpdateAttribute()
  const { id, name, type, options, description, pinned, requiredToClose, requiredChatIds, visibleTo, editableBy } =
    attribute
  const originsRef = useRef<(string | null)[]>([])
  const onOpenChange = (next: boolean) => {
    if (next) originsRef.current = [...options]
    setOpen(next)
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Изменить: ${name}`} title="Изменить">
          <Pencil aria-hidden className="size-4" />
        </Button>
      </DialogTrigger>
      <DialogContent title={`Изменить «${name}»`}>
        <AttributeForm
          typeLocked
          originsRef={originsRef}
          defaultValues={{
            name,
            type,
            options,
            description: description ?? '',
            pinned,
            requiredToClose,
            requiredChatIds,
            visibleTo,
            editableBy,
          }}
          submitLabel="Сохранить"
          pendingLabel="Сохраняем…"
          onSubmit={async (input) => {
            const patch: AttributePatch = {
              name: input.name,
              description: input.description || null,
              pinned: input.pinned ?? false,
              requiredToClose: input.requiredToClose ?? false,
              requiredChatIds: input.requiredChatIds ?? [],
              visibleTo: input.visibleTo,
              editableBy: input.editableBy,
            }
            if (hasOptions(type)) {
              patch.options = input.options ?? []
              const renames = renamesOf(originsRef.current, patch.options)
              if (renames.length) patch.optionRenames = renames
            }
            await update.mutateAsync({ id, patch })
            setOpen(false)
            toast.success('Изменения сохранены')
          }}
        />
      </DialogContent>
    </Dialog>
  )
}
