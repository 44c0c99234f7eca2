import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { tagPatchInputSchema } from '@shared/tags'
import { DialogFormActions } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input, Textarea } from '@/components/ui/input'
import { catalogQueries } from '@/lib/catalog-queries'
import { applyServerError } from '@/lib/form-errors'
import type { TagKind } from '@/lib/query-keys'
import { ColorRadioGroup } from './color-radio-group'

/** What both forms edit: the service's own rules for a tag, with the name required. */
const tagFormSchema = tagPatchInputSchema
  .pick({ name: true, color: true, description: true, groupId: true })
  .required({ name: true })
type TagFields = z.input<typeof tagFormSchema>
type TagFormInput = z.output<typeof tagFormSchema>

interface TagFormProps {
  kind: TagKind
  /** A name of this catalog's kind, shown as the placeholder. */
  example: string
  defaultValues: TagFields
  submitLabel: string
  onSubmit: (input: TagFormInput) => Promise<unknown>
}

/** Create and edit share one form, validated by the schema the service validates with. */
export function TagForm({ kind, example, defaultValues, submitLabel, onSubmit }: TagFormProps) {
  const id = useId()
  const groups = useQuery(catalogQueries.tagGroups(kind))
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TagFields, unknown, TagFormInput>({
    resolver: zodResolver(tagFormSchema),
    defaultValues,
  })
  const submit = handleSubmit(async (input) => {
    try {
      await onSubmit(input)
    } catch (error) {
      // A duplicate name comes back as 409 with details on body.name: it shows under the name.
      applyServerError(error, setError, ['name', 'color', 'description', 'groupId'])
    }
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id={`${id}-name`} label="Название" error={errors.name?.message}>
        <Input
          id={`${id}-name`}
          autoComplete="off"
          placeholder={example}
          {...fieldDescription(`${id}-name`, errors.name?.message)}
          {...register('name')}
        />
      </Field>
      <ColorRadioGroup id={`${id}-color`} field={register('color')} error={errors.color?.message} />
      <Field
        id={`${id}-description`}
        label="Описание"
        error={errors.description?.message}
        hint="Когда ставить этот тег; видно в каталоге"
      >
        <Textarea
          id={`${id}-description`}
          rows={2}
          {...fieldDescription(`${id}-description`, errors.description?.message, true)}
          {...register('description')}
        />
      </Field>
      {!!groups.data?.items.length && (
        <Field id={`${id}-group`} label="Группа" error={errors.groupId?.message}>
          <select
            id={`${id}-group`}
            className="h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm"
            {...register('groupId', { setValueAs: (v: string | null) => v || null })}
          >
            <option value="">Без группы</option>
            {groups.data.items.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
                {g.single ? ' (один из)' : ''}
              </option>
            ))}
          </select>
        </Field>
      )}
      <FormError message={errors.root?.server?.message} />
      <DialogFormActions pending={isSubmitting} submitLabel={submitLabel} />
    </form>
  )
}
