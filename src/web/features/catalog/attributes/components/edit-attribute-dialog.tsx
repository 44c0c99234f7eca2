import { Pencil } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import type { Attribute } from '@shared/attributes'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { useUpdateAttribute } from '@/features/catalog/attributes/api/attribute-catalog'
import { AttributeForm } from './attribute-form'

/** Rename, options, description, "всегда показывать"; the form starts from the attribute as the list shows it. */
export function EditAttributeDialog({ attribute }: { attribute: Attribute }) {
  const [open, setOpen] = useState(false)
  const update = useUpdateAttribute()
  const { id, name, type, options, description, pinned } = attribute

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Изменить: ${name}`} title="Изменить">
          <Pencil aria-hidden className="size-4" />
        </Button>
      </DialogTrigger>
      <DialogContent title={`Изменить «${name}»`}>
        <AttributeForm
          typeLocked
          defaultValues={{ name, type, options, description: description ?? '', pinned }}
          submitLabel="Сохранить" pendingLabel="Сохраняем…"
          onSubmit={async (input) => {
            const patch = { name: input.name, description: input.description || null, pinned: input.pinned ?? false }
            await update.mutateAsync({ id, patch: type === 'select' ? { ...patch, options: input.options ?? [] } : patch })
            setOpen(false)
            toast.success('Изменения сохранены')
          }}
        />
      </DialogContent>
    </Dialog>
  )
}
