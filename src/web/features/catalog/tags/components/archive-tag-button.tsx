import { Archive, ArchiveRestore } from 'lucide-react'
import { toast } from 'sonner'
import type { Tag } from '@shared/tags'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Spinner } from '@/components/ui/spinner'
import { useUpdateTag } from '@/features/catalog/tags/api/tag-catalog-mutations'
import type { TagKind } from '@/lib/query-keys'

/** Archiving asks first: the tag leaves every picker at once. */
export function ArchiveTagButton({ kind, tag }: { kind: TagKind; tag: Tag }) {
  const update = useUpdateTag(kind)
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`В архив «${tag.name}»`}>
          <Archive aria-hidden className="size-4" /> В архив
        </Button>
      }
      title={`Убрать тег «${tag.name}» в архив?`}
      description="Тег пропадёт из выбора у операторов, но останется у тех, на ком уже стоит. Его можно восстановить."
      confirmLabel="В архив"
      mutation={update}
      onConfirm={(done) =>
        update.mutate(
          { tagId: tag.id, patch: { archived: true } },
          {
            onSuccess: () => {
              done()
              toast.success(`Тег «${tag.name}» в архиве`)
            },
          },
        )
      }
    />
  )
}

export function RestoreTagButton({ kind, tag }: { kind: TagKind; tag: Tag }) {
  const update = useUpdateTag(kind)
  const restore = () =>
    update.mutate(
      { tagId: tag.id, patch: { archived: false } },
      {
        onSuccess: () => toast.success(`Тег «${tag.name}» восстановлен`),
        onError: (err) => toast.error(`Не удалось восстановить тег: ${err.message}`),
      },
    )
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={`Восстановить «${tag.name}»`}
      onClick={restore}
      disabled={update.isPending}
    >
      {update.isPending ? <Spinner /> : <ArchiveRestore aria-hidden className="size-4" />} Восстановить
    </Button>
  )
}
