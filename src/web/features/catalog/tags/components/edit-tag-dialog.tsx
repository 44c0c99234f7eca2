import { Pencil } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { TAG_COLORS, type Tag, type TagColor } from '@shared/tags'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { useUpdateTag } from '@/features/catalog/tags/api/tag-catalog-mutations'
import type { TagKind } from '@/lib/query-keys'
import { TagForm } from './tag-form'
import { tagKinds } from './tag-kinds'

const paletteColor = (color: string): TagColor =>
  (TAG_COLORS as readonly string[]).includes(color) ? (color as TagColor) : 'gray'

/** Rename, recolour and describe in one form; the row's data is its starting point. */
export function EditTagDialog({ kind, tag }: { kind: TagKind; tag: Tag }) {
  const [open, setOpen] = useState(false)
  const update = useUpdateTag(kind)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Изменить «${tag.name}»`}>
          <Pencil aria-hidden className="size-4" /> Изменить
        </Button>
      </DialogTrigger>
      <DialogContent title="Изменить тег">
        <TagForm
          kind={kind}
          example={tagKinds[kind].example}
          submitLabel="Сохранить"
          defaultValues={{
            name: tag.name,
            color: paletteColor(tag.color),
            description: tag.description ?? '',
            groupId: tag.groupId,
          }}
          onSubmit={async (patch) => {
            const saved = await update.mutateAsync({ tagId: tag.id, patch })
            toast.success(`Тег «${saved.name}» сохранён`)
            setOpen(false)
          }}
        />
      </DialogContent>
    </Dialog>
  )
}
