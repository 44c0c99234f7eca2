import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { Button } from '@/components/ui/button'
import { Field, fieldDescription } from '@/components/ui/field'
import { Input, Textarea } from '@/components/ui/input'
import { Spinner } from '@/components/ui/spinner'
import { useTokenSignIn } from '@/features/auth/api/auth'
import { FormError } from '@/components/ui/form-error'

const tokenSignInSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .refine((v) => v.startsWith('/') || URL.canParse(v), {
      error: 'Введите адрес вида https://chat.example.ru/api/v1',
    }),
  token: z.string().trim().min(1, { error: 'Вставьте токен' }),
})
type TokenSignIn = z.infer<typeof tokenSignInSchema>

export function TokenForm({ baseUrl }: { baseUrl: string }) {
  const signIn = useTokenSignIn()
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<TokenSignIn>({
    resolver: zodResolver(tokenSignInSchema),
    defaultValues: { baseUrl, token: '' },
  })
  const onSubmit = handleSubmit((input) =>
    signIn.mutate(input, {
      onError: (error) => setError('root.server', { message: error.message }),
    }),
  )
  const serverError = errors.root?.server?.message

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field
        id="token-base-url"
        label="Адрес API"
        error={errors.baseUrl?.message}
        hint="Например, https://chat-api.twin24.ai/api/v1"
      >
        <Input
          id="token-base-url"
          inputMode="url"
          {...fieldDescription('token-base-url', errors.baseUrl?.message, true)}
          {...register('baseUrl')}
        />
      </Field>
      <Field
        id="token-value"
        label="Токен (JWT)"
        error={errors.token?.message}
        hint="Администратор выпускает его на странице «Помощь API»"
      >
        <Textarea
          id="token-value"
          rows={4}
          spellCheck={false}
          className="font-mono text-xs"
          {...fieldDescription('token-value', errors.token?.message, true)}
          {...register('token')}
        />
      </Field>
      <FormError message={serverError} />
      <Button type="submit" className="w-full" disabled={signIn.isPending}>
        {signIn.isPending && <Spinner />} {signIn.isPending ? 'Проверяем…' : 'Войти с токеном'}
      </Button>
    </form>
  )
}
