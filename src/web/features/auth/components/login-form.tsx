import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { loginInputSchema } from '@shared/auth'
import { Button } from '@/components/ui/button'
import { Field, fieldDescription } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Spinner } from '@/components/ui/spinner'
import { applyServerError } from '@/lib/form-errors'
import { useLogin } from '@/features/auth/api/auth'
import { FormError } from '@/components/ui/form-error'

type LoginFields = z.input<typeof loginInputSchema>

export function LoginForm() {
  const login = useLogin()
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<LoginFields, unknown, z.output<typeof loginInputSchema>>({
    resolver: zodResolver(loginInputSchema),
    defaultValues: { email: '', password: '' },
  })
  const onSubmit = handleSubmit((input) =>
    login.mutate(input, {
      onError: (error) => applyServerError(error, setError, ['email', 'password']),
    }),
  )
  const serverError = errors.root?.server?.message

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field id="login-email" label="Почта" error={errors.email?.message}>
        <Input
          id="login-email"
          type="email"
          autoComplete="username"
          autoFocus
          {...fieldDescription('login-email', errors.email?.message)}
          {...register('email')}
        />
      </Field>
      <Field id="login-password" label="Пароль" error={errors.password?.message}>
        <Input
          id="login-password"
          type="password"
          autoComplete="current-password"
          {...fieldDescription('login-password', errors.password?.message)}
          {...register('password')}
        />
      </Field>
      <FormError message={serverError} />
      <Button type="submit" className="w-full" disabled={login.isPending}>
        {login.isPending && <Spinner />} {login.isPending ? 'Входим…' : 'Войти'}
      </Button>
    </form>
  )
}
