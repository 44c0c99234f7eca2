import { zodResolver } from '@hookform/resolvers/zod'
import { useForm, useWatch } from 'react-hook-form'
import type { z } from 'zod'
import {
  ATTRIBUTE_TYPES,
  attributeInputSchema,
  attributeTypeLabels,
  hasOptions,
  type AttributeInput,
  type AttributeType,
} from '@shared/attributes'
import { Button } from '@/components/ui/button'
import { DialogClose } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { Input, Textarea } from '@/components/ui/input'
import { Spinner } from '@/components/ui/spinner'
import { applyServerError } from '@/lib/form-errors'
import { AttributeOptionsEditor, type OptionOrigins } from './attribute-options-editor'
import { FormError } from '@/components/ui/form-error'
import { AccessFields } from './access-fields'
import { RequiredToCloseFields } from './required-to-close-fields'

export type AttributeFields = z.input<typeof attributeInputSchema>

interface AttributeFormProps {
  defaultValues: AttributeFields
  /** Editing: the type is fixed once created (existing values were checked against it). */
  typeLocked?: boolean
  /** Editing a list: what each option line was, so a changed line is sent as a rename. */
  originsRef?: OptionOrigins
  submitLabel: string
  pendingLabel: string
  onSubmit: (input: AttributeInput) => Promise<unknown>
}

const selectClass = 'h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm disabled:bg-slate-100'

/** Create and edit share one form, validated by the schema the service validates with. */
export function AttributeForm({
  defaultValues,
  typeLocked = false,
  originsRef,
  submitLabel,
  pendingLabel,
  onSubmit,
}: AttributeFormProps) {
  const form = useForm<AttributeFields, unknown, AttributeInput>({
    resolver: zodResolver(attributeInputSchema),
    defaultValues,
  })
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, isSubmitting },
  } = form
  const type = useWatch({ control, name: 'type' }) ?? 'text'
  const submit = handleSubmit(async (input) => {
    try {
      await onSubmit(input)
    } catch (error) {
      // A duplicate name comes back as 409 with details on body.name: it shows under the name.
      applyServerError(error, setError, ['name', 'options', 'description', 'requiredChatIds', 'visibleTo'])
    }
  })
  const typeField = register('type', {
    // Options belong to lists only; lines typed before switching away would block the form.
    onChange: (e: { target: { value: AttributeType } }) => hasOptions(e.target.value) || setValue('options', []),
  })
  const serverError = errors.root?.server?.message

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id="attribute-name" label="Название" error={errors.name?.message}>
        <Input
          id="attribute-name"
          autoComplete="off"
          {...fieldDescription('attribute-name', errors.name?.message)}
          {...register('name')}
        />
      </Field>
      <Field id="attribute-type" label="Тип" hint={typeLocked ? 'Тип не меняется после создания' : undefined}>
        {/* Not registered while locked: a disabled registered field would submit no type at all. */}
        {typeLocked ? (
          <select
            id="attribute-type"
            className={selectClass}
            disabled
            defaultValue={type}
            aria-describedby="attribute-type-hint"
          >
            <option value={type}>{attributeTypeLabels[type]}</option>
          </select>
        ) : (
          <select id="attribute-type" className={selectClass} {...typeField}>
            {ATTRIBUTE_TYPES.map((t) => (
              <option key={t} value={t}>
                {attributeTypeLabels[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {hasOptions(type) && <AttributeOptionsEditor form={form} originsRef={originsRef} />}
      <Field
        id="attribute-description"
        label="Описание"
        error={errors.description?.message}
        hint="Подсказка оператору: что сюда записывать"
      >
        <Textarea
          id="attribute-description"
          rows={2}
          {...fieldDescription('attribute-description', errors.description?.message, true)}
          {...register('description')}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="size-4" {...register('pinned')} /> Всегда показывать в карточке клиента
      </label>
      <AccessFields form={form} />
      <RequiredToCloseFields form={form} />
      <FormError message={serverError} />
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">Отмена</Button>
        </DialogClose>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting && <Spinner />} {isSubmitting ? pendingLabel : submitLabel}
        </Button>
      </div>
    </form>
  )
}
