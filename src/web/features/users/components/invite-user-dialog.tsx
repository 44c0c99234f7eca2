import { zodResolver } from '@hookform/resolvers/zod'
import { UserPlus } from 'lucide-react'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { roleSchema } from '@shared/common'
import { userCreateSchema, type TemporaryPassword as Created, type UserCreate } from '@shared/users'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input } from '@/components/ui/input'
import { useInviteUser } from '@/features/users/api/users'
import { applyServerError } from '@/lib/form-errors'
import { roleLabel } from '@shared/labels'
import { TemporaryPassword } from './temporary-password'

/** "Добавить сотрудника": name, email, role; then the temporary password to pass on. */
export function InviteUserDialog() {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [created, setCreated] = useState<Created | null>(null)
  const invite = useInviteUser()
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof userCreateSchema>, unknown, UserCreate>({
    resolver: zodResolver(userCreateSchema),
    defaultValues: { name: '', email: '', role: 'operator' },
  })
  const submit = handleSubmit(async (input) => {
    try {
      setCreated(await invite.mutateAsync(input))
    } catch (error) {
      applyServerError(error, setError, ['name', 'email', 'role'])
    }
  })
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (next) return
    setCreated(null)
    reset()
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden className="size-4" /> Добавить сотрудника
        </Button>
      </DialogTrigger>
      <DialogContent title="Новый сотрудник">
        {created ? (
          <div className="space-y-4">
            <TemporaryPassword email={created.user.email} password={created.temporaryPassword} />
            <div className="flex justify-end">
              <Button onClick={() => onOpenChange(false)}>Готово</Button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} noValidate className="space-y-4">
            <Field id={`${id}-name`} label="Имя" error={errors.name?.message}>
              <Input
                id={`${id}-name`}
                autoComplete="off"
                {...fieldDescription(`${id}-name`, errors.name?.message)}
                {...register('name')}
              />
            </Field>
            <Field id={`${id}-email`} label="Почта" error={errors.email?.message}>
              <Input
                id={`${id}-email`}
                type="email"
                autoComplete="off"
                {...fieldDescription(`${id}-email`, errors.email?.message)}
                {...register('email')}
              />
            </Field>
            <Field id={`${id}-role`} label="Роль" error={errors.role?.message}>
              <select
                id={`${id}-role`}
                className="h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm"
                {...register('role')}
              >
                {roleSchema.options.map((role) => (
                  <option key={role} value={role}>
                    {roleLabel(role)}
                  </option>
                ))}
              </select>
            </Field>
            <FormError message={errors.root?.server?.message} />
            <DialogFormActions pending={isSubmitting} submitLabel="Добавить" />
          </form>
        )}
      </DialogContent>
    </Dialog>
  )
}
