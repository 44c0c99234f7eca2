import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { useId, useState, type ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod'
import { eraseInputSchema } from '@shared/privacy'
import type { Client } from '@shared/clients'
import { clientLabel } from '@shared/labels'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input, Textarea } from '@/components/ui/input'
import { applyServerError } from '@/lib/form-errors'
import { downloadDocument, privacyQueries, useEraseClient } from '@/features/privacy/api/privacy'

type EraseFields = { subject: string; reason: string; requestId: string; confirm: string }

/**
 * Destroys the client's personal data for good, after the admin types the client's name; offers the act at once.
 * A request registered for this client can be named: it is closed with the act.
 */
export function EraseDialog({ client, children }: { client: Client; children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const id = useId()
  const label = clientLabel(client)
  const erase = useEraseClient(client.id)
  const requests = useQuery({ ...privacyQueries.requests(), enabled: open })
  const mine = requests.data?.items.filter((r) => r.status === 'open' && r.client?.id === client.id) ?? []
  const schema = z
    .object({ ...eraseInputSchema.shape, requestId: z.string(), confirm: z.string() })
    .refine((v) => v.confirm.trim() === label, { path: ['confirm'], error: `Введите «${label}» точно так` })
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<EraseFields>({
    resolver: zodResolver(schema),
    defaultValues: { subject: client.name ?? '', reason: '', requestId: '', confirm: '' },
  })
  const submit = handleSubmit(async ({ subject, reason, requestId }) => {
    try {
      const act = await erase.mutateAsync({ subject, reason, ...(requestId && { requestId }) })
      setOpen(false)
      toast.success(`Данные уничтожены, составлен акт № ${act.number}`, {
        duration: 20_000,
        action: {
          label: 'Скачать акт',
          onClick: () =>
            void downloadDocument(`/erasure-acts/${act.id}?format=html`, `act-${act.number}.html`).catch((err: Error) =>
              toast.error(`Скачать не удалось: ${err.message}`),
            ),
        },
      })
    } catch (error) {
      applyServerError(error, setError, ['subject', 'reason', 'requestId'])
    }
  })
  return (
    <Dialog open={open} onOpenChange={(next) => (next && reset(), setOpen(next))}>
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent
        title="Уничтожить персональные данные"
        description="Необратимо: поля карточки, значения и их история, метки, тексты сообщений, заметки, копии для отмены объединений. Останется обезличенная запись. Будет составлен акт."
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field
            id={`${id}-subject`}
            label="Субъект (как указан в запросе)"
            error={errors.subject?.message}
            hint="Попадёт в акт"
          >
            <Input
              id={`${id}-subject`}
              {...fieldDescription(`${id}-subject`, errors.subject?.message, true)}
              {...register('subject')}
            />
          </Field>
          <Field id={`${id}-reason`} label="Основание" error={errors.reason?.message}>
            <Textarea
              id={`${id}-reason`}
              rows={2}
              {...fieldDescription(`${id}-reason`, errors.reason?.message)}
              {...register('reason')}
            />
          </Field>
          {mine.length > 0 && (
            <Field id={`${id}-request`} label="Запрос" error={errors.requestId?.message}>
              <select
                id={`${id}-request`}
                className="h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
                {...register('requestId', {
                  // The act names the person as the request did.
                  onChange: (e: { target: { value: string } }) => {
                    const request = mine.find((r) => r.id === e.target.value)
                    if (request) setValue('subject', request.subject)
                  },
                })}
              >
                <option value="">Без запроса</option>
                {mine.map((r) => (
                  <option key={r.id} value={r.id}>
                    № {r.number} от {r.receivedOn}: {r.subject}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id={`${id}-confirm`} label={`Для подтверждения введите: ${label}`} error={errors.confirm?.message}>
            <Input
              id={`${id}-confirm`}
              autoComplete="off"
              {...fieldDescription(`${id}-confirm`, errors.confirm?.message)}
              {...register('confirm')}
            />
          </Field>
          <FormError message={errors.root?.server?.message} />
          <DialogFormActions pending={isSubmitting} submitLabel="Уничтожить" />
        </form>
      </DialogContent>
    </Dialog>
  )
}
