import { zodResolver } from '@hookform/resolvers/zod'
import { Pencil } from 'lucide-react'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import type { z } from 'zod'
import { clientFieldLabels, clientInputSchema, type Client, type ClientInput } from '@shared/clients'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input } from '@/components/ui/input'
import { applyServerError } from '@/lib/form-errors'
import { useUpdateClient } from '@/features/client-card/api/client'

const contactSchema = clientInputSchema.pick({ name: true, phone: true, email: true })
type ContactFields = z.input<typeof contactSchema>
const FIELDS = ['name', 'phone', 'email'] as const
const inputTypes = { name: 'text', phone: 'tel', email: 'email' } as const

/** The client's name, phone and email, edited from the card; a failed save keeps what was typed. */
export function EditClientDialog({ client }: { client: Client }) {
  const [open, setOpen] = useState(false)
  const id = useId()
  const update = useUpdateClient(client.id)
  const current = { name: client.name ?? '', phone: client.phone ?? '', email: client.email ?? '' }
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ContactFields, unknown, ClientInput>({
    resolver: zodResolver(contactSchema),
    defaultValues: current,
  })
  const submit = handleSubmit(async (input) => {
    const patch = Object.fromEntries(
      FIELDS.filter((f) => (input[f] ?? '') !== current[f]).map((f) => [f, input[f] ?? '']),
    )
    try {
      if (Object.keys(patch).length > 0) await update.mutateAsync(patch)
      setOpen(false)
      toast.success('Данные клиента сохранены')
    } catch (error) {
      applyServerError(error, setError, [...FIELDS])
    }
  })

  return (
    // Opens on the card as it is now: a change that arrived live since the last opening is not undone.
    <Dialog open={open} onOpenChange={(next) => (next && reset(current), setOpen(next))}>
      <DialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-label="Изменить имя, телефон и почту"
          title="Изменить имя, телефон и почту"
        >
          <Pencil aria-hidden className="size-4" />
        </Button>
      </DialogTrigger>
      <DialogContent title="Данные клиента" description="Изменения попадут в историю карточки.">
        <form onSubmit={submit} noValidate className="space-y-4">
          {FIELDS.map((f) => (
            <Field key={f} id={`${id}-${f}`} label={clientFieldLabels[f]} error={errors[f]?.message}>
              <Input
                id={`${id}-${f}`}
                type={inputTypes[f]}
                autoComplete="off"
                {...fieldDescription(`${id}-${f}`, errors[f]?.message)}
                {...register(f)}
              />
            </Field>
          ))}
          <FormError message={errors.root?.server?.message} />
          <DialogFormActions pending={isSubmitting} submitLabel={isSubmitting ? 'Сохраняем…' : 'Сохранить'} />
        </form>
      </DialogContent>
    </Dialog>
  )
}
