import { Archive, ArchiveRestore } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import type { Tag } from '../../../../../shared/tags'
import { Button } from '../../../../components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../../components/ui/dialog'
import { Spinner } from '../../../../components/ui/spinner'
import { useUpdateTag } from '../api/tag-catalog-mutations'
import type { TagKind } from '../api/tag-catalog'

/** Archiving asks first: the tag leaves every picker at once. */
export function ArchiveTagButton({ kind, tag }: { kind: TagKind; tag: Tag }) {
  const [open, setOpen] = useState(false)
  const update = useUpdateTag(kind)
  const archive = () =>
    update.mutate({ tagId: tag.id, patch: { archived: true } }, {
      onSuccess: () => {
        setOpen(false)
        toast.success(`Тег «${tag.name}» в архиве`)
      },
    })

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), update.reset())}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`В архив «${tag.name}»`}>
          <Archive aria-hidden className="size-4" /> В архив
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Убрать тег «${tag.name}» в архив?`}
        description="Тег пропадёт из выбора у операторов, но останется у тех, на ком уже стоит. Его можно восстановить."
      >
        {update.isError && <p role="alert" className="mb-3 text-sm text-red-700">{update.error.message}</p>}
        <div className="flex justify-end gap-2">
          <DialogClose asChild><Button variant="secondary">Отмена</Button></DialogClose>
          <Button variant="danger" onClick={archive} disabled={update.isPending}>
            {update.isPending && <Spinner />} В архив
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}

export function RestoreTagButton({ kind, tag }: { kind: TagKind; tag: Tag }) {
  const update = useUpdateTag(kind)
  const restore = () =>
    update.mutate({ tagId: tag.id, patch: { archived: false } }, {
      onSuccess: () => toast.success(`Тег «${tag.name}» восстановлен`),
      onError: (err) => toast.error(`Не удалось восстановить тег: ${err.message}`),
    })
  return (
    <Button variant="ghost" size="sm" aria-label={`Восстановить «${tag.name}»`} onClick={restore} disabled={update.isPending}>
      {update.isPending ? <Spinner /> : <ArchiveRestore aria-hidden className="size-4" />} Восстановить
    </Button>
  )
}
