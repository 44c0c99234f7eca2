import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { WEBHOOK_EVENT_GROUPS, webhookInputSchema, type WebhookInput } from '@shared/webhooks'
import { DialogFormActions } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input } from '@/components/ui/input'
import { applyServerError } from '@/lib/form-errors'

type WebhookFields = z.input<typeof webhookInputSchema>

interface WebhookFormProps {
  defaultValues: WebhookFields
  submitLabel: string
  onSubmit: (input: WebhookInput) => Promise<unknown>
}

/** A webhook's address, what it is for and its events as grouped checkboxes; add and edit share it. */
export function WebhookForm({ defaultValues, submitLabel, onSubmit }: WebhookFormProps) {
  const id = useId()
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<WebhookFields, unknown, WebhookInput>({ resolver: zodResolver(webhookInputSchema), defaultValues })
  const submit = handleSubmit(async (input) => {
    try {
      await onSubmit(input)
    } catch (error) {
      applyServerError(error, setError, ['url', 'events', 'description'])
    }
  })
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id={`${id}-url`} label="Адрес" error={errors.url?.message} hint="Сюда придёт POST с подписью">
        <Input
          id={`${id}-url`}
          type="url"
          autoComplete="off"
          placeholder="https://crm.example.ru/kartoteka"
          {...fieldDescription(`${id}-url`, errors.url?.message, true)}
          {...register('url')}
        />
      </Field>
      <Field id={`${id}-description`} label="Для чего" error={errors.description?.message}>
        <Input
          id={`${id}-description`}
          autoComplete="off"
          placeholder="CRM отдела продаж"
          {...fieldDescription(`${id}-description`, errors.description?.message)}
          {...register('description')}
        />
      </Field>
      {Object.entries(WEBHOOK_EVENT_GROUPS).map(([group, events]) => (
        <fieldset key={group} className="space-y-1.5">
          <legend className="text-sm font-medium text-slate-800">События: {group.toLowerCase()}</legend>
          <div className="space-y-1 rounded-md border border-slate-200 p-2">
            {Object.entries(events).map(([event, label]) => (
              <label key={event} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" value={event} className="size-4 accent-blue-700" {...register('events')} />
                {label} <code className="text-xs text-slate-600">{event}</code>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {errors.events && <p className="text-sm text-red-700">{errors.events.message}</p>}
      <FormError message={errors.root?.server?.message} />
      <DialogFormActions pending={isSubmitting} submitLabel={submitLabel} />
    </form>
  )
}
