import { Plus } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { useCreateAttribute } from '@/features/catalog/attributes/api/attribute-catalog'
import { AttributeForm } from './attribute-form'

export function CreateAttributeDialog() {
  const [open, setOpen] = useState(false)
  const create = useCreateAttribute()

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden className="size-4" /> Новый параметр
        </Button>
      </DialogTrigger>
      <DialogContent title="Новый параметр" description="Операторы заполняют его в карточке «О клиенте».">
        <AttributeForm
          defaultValues={{ name: '', type: 'text', options: [], description: '', pinned: false }}
          submitLabel="Создать"
          pendingLabel="Создаём…"
          onSubmit={async (input) => {
            const created = await create.mutateAsync(input)
            setOpen(false)
            toast.success(`Параметр «${created.name}» создан`)
          }}
        />
      </DialogContent>
    </Dialog>
  )
}
