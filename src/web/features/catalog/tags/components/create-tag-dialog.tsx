import { zodResolver } from '@hookform/resolvers/zod'
import { Plus } from 'lucide-react'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import type { z } from 'zod'
import { tagCreateInputSchema } from '../../../../../shared/tags'
import { Button } from '../../../../components/ui/button'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '../../../../components/ui/dialog'
import { applyServerError } from '../../../../lib/form-errors'
import { useCreateTag } from '../api/tag-catalog-mutations'
import { tagKinds, type TagKind } from '../api/tag-catalog'
import { TagFormFields } from './tag-form-fields'
import { FormError } from '../../../../components/ui/form-error'

type CreateFields = z.input<typeof tagCreateInputSchema>

function CreateTagForm({ kind, onDone }: { kind: TagKind; onDone: () => void }) {
  const id = useId()
  const create = useCreateTag(kind)
  const { register, handleSubmit, setError, formState: { errors } } = useForm<CreateFields, unknown, z.output<typeof tagCreateInputSchema>>({
    resolver: zodResolver(tagCreateInputSchema),
    // `name` rather than TWIN's `tag`: the same field name as in the edit form.
    defaultValues: { name: '', color: 'gray', description: '' },
  })
  const onSubmit = handleSubmit((input) =>
    create.mutate(input, {
      onSuccess: (tag) => {
        toast.success(`Тег «${tag.name}» создан`)
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
        errors={{ name: errors.name?.message ?? errors.tag?.message, color: errors.color?.message, description: errors.description?.message }}
      />
      <FormError message={serverError} />
      <DialogFormActions pending={create.isPending} submitLabel="Создать" />
    </form>
  )
}

export function CreateTagDialog({ kind }: { kind: TagKind }) {
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button><Plus aria-hidden className="size-4" /> Новый тег</Button>
      </DialogTrigger>
      {/* Mounted only while open: every opening starts from an empty form. */}
      <DialogContent title={`Новый ${tagKinds[kind].one.toLowerCase()}`}>
        <CreateTagForm kind={kind} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  )
}
