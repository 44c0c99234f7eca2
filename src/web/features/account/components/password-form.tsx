import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { passwordChangeSchema, type PasswordChange } from '@shared/auth'
import { Button } from '@/components/ui/button'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input } from '@/components/ui/input'
import { Spinner } from '@/components/ui/spinner'
import { useChangePassword } from '@/features/account/api/account'
import { applyServerError } from '@/lib/form-errors'

/** Current (or temporary) password and a new one. Other sessions end; this one goes on. */
export function PasswordForm({ temporary = false }: { temporary?: boolean }) {
  const id = useId()
  const change = useChangePassword()
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordChange>({
    resolver: zodResolver(passwordChangeSchema),
    defaultValues: { oldPassword: '', newPassword: '' },
  })
  const submit = handleSubmit(async (input) => {
    try {
      await change.mutateAsync(input)
      reset()
      toast.success('Пароль изменён. Другие входы под вашим именем завершены.')
    } catch (error) {
      applyServerError(error, setError, ['oldPassword', 'newPassword'])
    }
  })
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        id={`${id}-old`}
        label={temporary ? 'Временный пароль' : 'Текущий пароль'}
        error={errors.oldPassword?.message}
      >
        <Input
          id={`${id}-old`}
          type="password"
          autoComplete="current-password"
          {...fieldDescription(`${id}-old`, errors.oldPassword?.message)}
          {...register('oldPassword')}
        />
      </Field>
      <Field id={`${id}-new`} label="Новый пароль" error={errors.newPassword?.message} hint="Не короче 8 символов">
        <Input
          id={`${id}-new`}
          type="password"
          autoComplete="new-password"
          {...fieldDescription(`${id}-new`, errors.newPassword?.message, true)}
          {...register('newPassword')}
        />
      </Field>
      <FormError message={errors.root?.server?.message} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting && <Spinner />} Сменить пароль
      </Button>
    </form>
  )
}
