import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { operatorGroupInputSchema, type OperatorGroupInput } from '@shared/operator-groups'
import { DialogFormActions } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input } from '@/components/ui/input'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { applyServerError } from '@/lib/form-errors'
import { roleLabel } from '@shared/labels'
import { operatorsQuery } from '@/lib/operators'

type GroupFields = z.input<typeof operatorGroupInputSchema>

interface GroupFormProps {
  defaultValues: GroupFields
  submitLabel: string
  onSubmit: (input: OperatorGroupInput) => Promise<unknown>
}

/** Name, members and SLs of an operator group; create and edit share it. */
export function GroupForm({ defaultValues, submitLabel, onSubmit }: GroupFormProps) {
  const id = useId()
  const operators = useQuery(operatorsQuery())
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<GroupFields, unknown, OperatorGroupInput>({
    resolver: zodResolver(operatorGroupInputSchema),
    defaultValues,
  })
  const submit = handleSubmit(async (input) => {
    try {
      await onSubmit(input)
    } catch (error) {
      applyServerError(error, setError, ['name', 'memberIds', 'timerFirstAnswer', 'timerNextAnswers'])
    }
  })
  const seconds = (name: 'timerFirstAnswer' | 'timerNextAnswers', label: string) => (
    <Field id={`${id}-${name}`} label={label} error={errors[name]?.message} hint="0 — без SL">
      <Input
        id={`${id}-${name}`}
        type="number"
        min={0}
        {...fieldDescription(`${id}-${name}`, errors[name]?.message, true)}
        {...register(name, { valueAsNumber: true })}
      />
    </Field>
  )
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id={`${id}-name`} label="Название" error={errors.name?.message}>
        <Input
          id={`${id}-name`}
          autoComplete="off"
          placeholder="Отдел продаж"
          {...fieldDescription(`${id}-name`, errors.name?.message)}
          {...register('name')}
        />
      </Field>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-800">Операторы группы</legend>
        {operators.isPending && <LoadingState />}
        {operators.isError && <ErrorState error={operators.error} onRetry={() => void operators.refetch()} />}
        <div className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
          {operators.data?.items.map((o) => (
            <label key={o.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" value={o.id} className="size-4 accent-blue-700" {...register('memberIds')} />
              {o.name} <span className="text-xs text-slate-600">{roleLabel(o.role)}</span>
            </label>
          ))}
        </div>
        {errors.memberIds && <p className="text-sm text-red-700">{errors.memberIds.message}</p>}
      </fieldset>
      {seconds('timerFirstAnswer', 'SL первого ответа, секунд')}
      {seconds('timerNextAnswers', 'SL следующих ответов, секунд')}
      <FormError message={errors.root?.server?.message} />
      <DialogFormActions pending={isSubmitting} submitLabel={submitLabel} />
    </form>
  )
}
