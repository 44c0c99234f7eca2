import { zodResolver } from '@hookform/resolvers/zod'
import { Pencil } from 'lucide-react'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import type { z } from 'zod'
import { TAG_COLORS, tagPatchInputSchema, type Tag, type TagColor } from '../../../../../shared/tags'
import { Button } from '../../../../components/ui/button'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '../../../../components/ui/dialog'
import { applyServerError } from '../../../../lib/form-errors'
import { useUpdateTag } from '../api/tag-catalog-mutations'
import { tagKinds, type TagKind } from '../api/tag-catalog'
import { TagFormFields } from './tag-form-fields'
import { FormError } from '../../../../components/ui/form-error'

type EditFields = z.input<typeof tagPatchInputSchema>

const paletteColor = (color: string): TagColor => (TAG_COLORS as readonly string[]).includes(color) ? (color as TagColor) : 'gray'

/** Rename, recolour and describe in one form; the row's data is its starting point. */
function EditTagForm({ kind, tag, onDone }: { kind: TagKind; tag: Tag; onDone: () => void }) {
  const id = useId()
  const update = useUpdateTag(kind)
  const { register, handleSubmit, setError, formState: { errors } } = useForm<EditFields, unknown, z.output<typeof tagPatchInputSchema>>({
    resolver: zodResolver(tagPatchInputSchema),
    defaultValues: { name: tag.name, color: paletteColor(tag.color), description: tag.description ?? '' },
  })
  const onSubmit = handleSubmit((patch) =>
    update.mutate({ tagId: tag.id, patch }, {
      onSuccess: (saved) => {
        toast.success(`Тег «${saved.name}» сохранён`)
        onDone()
      },
      onError: (error) => applyServerError(error, setError, ['name', 'color', 'description']),
    }),
  )
  const serverError = errors.root?.server?.message

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TagFormFields
        id={id} example={tagKinds[kind].example}
        fields={{ name: register('name'), color: register('color'), description: register('description') }}
        errors={{ name: errors.name?.message, color: errors.color?.message, description: errors.description?.message }}
      />
      <FormError message={serverError} />
      <DialogFormActions pending={update.isPending} submitLabel="Сохранить" />
    </form>
  )
}

export function EditTagDialog({ kind, tag }: { kind: TagKind; tag: Tag }) {
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Изменить «${tag.name}»`}>
          <Pencil aria-hidden className="size-4" /> Изменить
        </Button>
      </DialogTrigger>
      <DialogContent title="Изменить тег">
        <EditTagForm kind={kind} tag={tag} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  )
}
