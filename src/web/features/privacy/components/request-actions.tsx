import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { toast } from 'sonner'
import { EXTENSION_WORKING_DAYS, PRIVACY_RESOLUTIONS, type PrivacyRequest } from '@shared/privacy'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Textarea } from '@/components/ui/input'
import { privacyQueries, useUpdateRequest } from '@/features/privacy/api/privacy'

type Resolution = keyof typeof PRIVACY_RESOLUTIONS
const selectClass = 'h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm'

/** «Продлить»: once, by EXTENSION_WORKING_DAYS working days, with the reason told to the person. */
export function ExtendRequest({ request }: { request: PrivacyRequest }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const id = useId()
  const update = useUpdateRequest()
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    update.mutate(
      { id: request.id, patch: { extensionReason: reason } },
      { onSuccess: (r) => (setOpen(false), toast.success(`Срок продлён до ${r.dueOn}`)) },
    )
  }
  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), setReason(''), update.reset())}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Продлить
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Продлить срок запроса № ${request.number}`}
        description={`На ${EXTENSION_WORKING_DAYS} рабочих дней, один раз. Причину нужно сообщить заявителю.`}
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field id={`${id}-reason`} label="Мотивированная причина">
            <Textarea id={`${id}-reason`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <FormError message={update.error?.message} />
          <DialogFormActions pending={update.isPending} submitLabel="Продлить" />
        </form>
      </DialogContent>
    </Dialog>
  )
}

/** «Закрыть»: how the request was answered; a destruction with its act. */
export function CloseRequest({ request }: { request: PrivacyRequest }) {
  const [open, setOpen] = useState(false)
  const [resolution, setResolution] = useState<Resolution>('exported')
  const [actId, setActId] = useState(request.actId ?? '')
  const [note, setNote] = useState(request.note ?? '')
  const id = useId()
  const update = useUpdateRequest()
  const acts = useQuery({ ...privacyQueries.acts(), enabled: open && resolution === 'erased' })
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    update.mutate(
      { id: request.id, patch: { resolution, ...(actId && { actId }), ...(note && { note }) } },
      { onSuccess: () => (setOpen(false), toast.success(`Запрос № ${request.number} закрыт`)) },
    )
  }
  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), update.reset())}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Закрыть
        </Button>
      </DialogTrigger>
      <DialogContent title={`Закрыть запрос № ${request.number}`}>
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field id={`${id}-resolution`} label="Чем ответили">
            <select
              id={`${id}-resolution`}
              className={selectClass}
              value={resolution}
              onChange={(e) => setResolution(e.target.value as Resolution)}
            >
              {Object.entries(PRIVACY_RESOLUTIONS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </Field>
          {resolution === 'erased' && (
            <Field id={`${id}-act`} label="Акт об уничтожении">
              <select id={`${id}-act`} className={selectClass} value={actId} onChange={(e) => setActId(e.target.value)}>
                <option value="">Выберите акт</option>
                {acts.data?.items.map((a) => (
                  <option key={a.id} value={a.id}>
                    № {a.number}: {a.subject}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id={`${id}-note`} label="Заметка">
            <Textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <FormError message={update.error?.message} />
          <DialogFormActions pending={update.isPending} submitLabel="Закрыть запрос" />
        </form>
      </DialogContent>
    </Dialog>
  )
}
