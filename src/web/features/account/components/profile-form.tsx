import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { profileInputSchema, type ProfileInput } from '@shared/auth'
import { Button } from '@/components/ui/button'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input } from '@/components/ui/input'
import { Spinner } from '@/components/ui/spinner'
import { useUpdateProfile } from '@/features/account/api/account'
import { applyServerError } from '@/lib/form-errors'

/** The name colleagues and clients' histories show for the signed-in user. */
export function ProfileForm({ name }: { name: string }) {
  const id = useId()
  const update = useUpdateProfile()
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProfileInput>({
    resolver: zodResolver(profileInputSchema),
    defaultValues: { name },
  })
  const submit = handleSubmit(async (input) => {
    try {
      await update.mutateAsync(input)
      toast.success('Имя сохранено')
    } catch (error) {
      applyServerError(error, setError, ['name'])
    }
  })
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id={`${id}-name`} label="Имя" error={errors.name?.message}>
        <Input
          id={`${id}-name`}
          autoComplete="name"
          {...fieldDescription(`${id}-name`, errors.name?.message)}
          {...register('name')}
        />
      </Field>
      <FormError message={errors.root?.server?.message} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting && <Spinner />} Сохранить
      </Button>
    </form>
  )
}
