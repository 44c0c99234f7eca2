import { zodResolver } from '@hookform/resolvers/zod'
import { useId, useState, type ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { blockInputSchema } from '@shared/privacy'
import type { Client } from '@shared/clients'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Textarea } from '@/components/ui/input'
import { applyServerError } from '@/lib/form-errors'
import { useBlockClient } from '@/features/privacy/api/privacy'

/** Blocks processing of the client's data while a request is checked, or lifts the block; the reason goes to the Журнал. */
export function BlockDialog({ client, children }: { client: Client; children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const id = useId()
  const block = !client.blockedAt
  const mutation = useBlockClient(client.id)
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<{ reason: string }>({ resolver: zodResolver(blockInputSchema), defaultValues: { reason: '' } })
  const submit = handleSubmit(async ({ reason }) => {
    try {
      await mutation.mutateAsync({ block, reason })
      setOpen(false)
      toast.success(block ? 'Обработка данных клиента заблокирована' : 'Блокировка снята')
    } catch (error) {
      applyServerError(error, setError, ['reason'])
    }
  })
  return (
    <Dialog open={open} onOpenChange={(next) => (next && reset(), setOpen(next))}>
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent
        title={block ? 'Заблокировать обработку данных' : 'Снять блокировку'}
        description={
          block
            ? 'Пока проверяется запрос, карточку нельзя изменить; клиент не попадёт в выгрузки, массовые изменения, импорт, шаблоны и вебхуки. Диалоги приходят как обычно.'
            : `Заблокировано: ${client.blockedReason ?? ''}`
        }
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field id={`${id}-reason`} label="Причина" error={errors.reason?.message}>
            <Textarea
              id={`${id}-reason`}
              rows={3}
              {...fieldDescription(`${id}-reason`, errors.reason?.message)}
              {...register('reason')}
            />
          </Field>
          <FormError message={errors.root?.server?.message} />
          <DialogFormActions pending={isSubmitting} submitLabel={block ? 'Заблокировать' : 'Снять блокировку'} />
        </form>
      </DialogContent>
    </Dialog>
  )
}
