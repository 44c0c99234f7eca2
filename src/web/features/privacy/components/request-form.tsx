import { zodResolver } from '@hookform/resolvers/zod'
import { Plus } from 'lucide-react'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod'
import {
  PRIVACY_CHANNELS,
  PRIVACY_REQUEST_KINDS,
  privacyRequestInputSchema,
  type PrivacyRequestInput,
} from '@shared/privacy'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input, Textarea } from '@/components/ui/input'
import { ClientSearchField } from '@/components/client-search-field'
import { applyServerError } from '@/lib/form-errors'
import { useCreateRequest } from '@/features/privacy/api/privacy'

const selectClass = 'h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm'
const formSchema = privacyRequestInputSchema.extend({ clientId: z.string().nullable() })
type RequestFields = z.input<typeof formSchema>
const today = () => new Date().toLocaleDateString('sv-SE')

/** The client a request is about, found by name, phone, e-mail or external ID; none is allowed. */
function ClientPicker({
  id,
  value,
  onChange,
}: {
  id: string
  value: { id: string; label: string } | null
  onChange: (c: { id: string; label: string } | null) => void
}) {
  if (!value) return <ClientSearchField id={id} onPick={onChange} />
  return (
    <p className="text-sm text-slate-800">
      {value.label}{' '}
      <button type="button" className="text-blue-800 underline" onClick={() => onChange(null)}>
        другой клиент
      </button>
    </p>
  )
}

/** Registers a person's request: what they ask, how it came, who they are; the deadline follows from the kind. */
export function RequestForm() {
  const [open, setOpen] = useState(false)
  const [client, setClient] = useState<{ id: string; label: string } | null>(null)
  const id = useId()
  const create = useCreateRequest()
  const defaults: RequestFields = {
    kind: 'access',
    channel: 'email',
    subject: '',
    receivedOn: today(),
    clientId: null,
    note: '',
  }
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<RequestFields, unknown, PrivacyRequestInput>({
    resolver: zodResolver(formSchema),
    defaultValues: defaults,
  })
  const submit = handleSubmit(async (input) => {
    try {
      const created = await create.mutateAsync({ ...input, clientId: client?.id ?? null })
      setOpen(false)
      toast.success(`Запрос № ${created.number} зарегистрирован, срок ответа ${created.dueOn}`)
    } catch (error) {
      applyServerError(error, setError, ['kind', 'channel', 'subject', 'receivedOn', 'note'])
    }
  })
  return (
    <Dialog open={open} onOpenChange={(next) => (next && (reset(defaults), setClient(null)), setOpen(next))}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden className="size-4" /> Зарегистрировать запрос
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Запрос по персональным данным"
        description="Срок ответа считается в рабочих днях по календарю компании."
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field id={`${id}-kind`} label="Что просят" error={errors.kind?.message}>
            <select id={`${id}-kind`} className={selectClass} {...register('kind')}>
              {Object.entries(PRIVACY_REQUEST_KINDS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.label} — {v.days} {v.working ? 'раб. дн.' : 'дн.'} ({v.law})
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-channel`} label="Как поступил" error={errors.channel?.message}>
            <select id={`${id}-channel`} className={selectClass} {...register('channel')}>
              {Object.entries(PRIVACY_CHANNELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-subject`} label="Заявитель" error={errors.subject?.message} hint="ФИО и как он себя назвал">
            <Input
              id={`${id}-subject`}
              {...fieldDescription(`${id}-subject`, errors.subject?.message, true)}
              {...register('subject')}
            />
          </Field>
          <Field id={`${id}-received`} label="Дата поступления" error={errors.receivedOn?.message}>
            <Input
              id={`${id}-received`}
              type="date"
              {...fieldDescription(`${id}-received`, errors.receivedOn?.message)}
              {...register('receivedOn')}
            />
          </Field>
          <Field id={`${id}-client`} label="Клиент">
            <ClientPicker id={`${id}-client`} value={client} onChange={setClient} />
          </Field>
          <Field id={`${id}-note`} label="Заметка" error={errors.note?.message}>
            <Textarea id={`${id}-note`} rows={2} {...register('note')} />
          </Field>
          <FormError message={errors.root?.server?.message} />
          <DialogFormActions pending={isSubmitting} submitLabel="Зарегистрировать" />
        </form>
      </DialogContent>
    </Dialog>
  )
}
