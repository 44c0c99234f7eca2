import { Archive } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import type { Attribute } from '../../../../../shared/attributes'
import { Button } from '../../../../components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../../components/ui/dialog'
import { Spinner } from '../../../../components/ui/spinner'
import { useArchiveAttribute } from '../api/attribute-catalog'
import { usageLabel } from './usage-label'

export function ArchiveAttributeButton({ attribute }: { attribute: Attribute }) {
  const [open, setOpen] = useState(false)
  const archive = useArchiveAttribute()
  const confirm = () =>
    archive.mutate(attribute.id, {
      onSuccess: () => {
        setOpen(false)
        toast.success(`«${attribute.name}» в архиве`)
      },
    })

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), archive.reset())}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`В архив: ${attribute.name}`} title="В архив">
          <Archive aria-hidden className="size-4" />
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Убрать «${attribute.name}» в архив?`}
        description={`Параметр пропадёт из карточек клиентов. Значения (${usageLabel(attribute.usageCount)}) и история сохранятся; параметр можно восстановить.`}
      >
        {archive.isError && <p role="alert" className="mb-3 text-sm text-red-700">{archive.error.message}</p>}
        <div className="flex justify-end gap-2">
          <DialogClose asChild><Button variant="secondary">Отмена</Button></DialogClose>
          <Button variant="danger" onClick={confirm} disabled={archive.isPending}>
            {archive.isPending && <Spinner />} В архив
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}
