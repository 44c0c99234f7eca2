import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { chatInputSchema } from '@shared/chats'
import { DialogFormActions } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input } from '@/components/ui/input'
import { applyServerError } from '@/lib/form-errors'

const seconds = z
  .number({ error: 'Введите число секунд' })
  .int({ error: 'Целое число секунд' })
  .min(0, { error: 'Не меньше 0' })
const chatFormSchema = z.object({
  name: chatInputSchema.shape.name,
  messengers: z.string().max(500),
  timerFirstAnswer: seconds,
  timerNextAnswers: seconds,
})
export type ChatFields = z.infer<typeof chatFormSchema>
type ChatFormInput = { name: string; messengers: string[]; timerFirstAnswer: number; timerNextAnswers: number }

interface ChatFormProps {
  defaultValues: ChatFields
  submitLabel: string
  onSubmit: (input: ChatFormInput) => Promise<unknown>
}

/** Name, messengers and the response-time SLs of a chat (channel); create and edit share it. */
export function ChatForm({ defaultValues, submitLabel, onSubmit }: ChatFormProps) {
  const id = useId()
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChatFields>({
    resolver: zodResolver(chatFormSchema),
    defaultValues,
  })
  const submit = handleSubmit(async ({ messengers, ...rest }) => {
    try {
      await onSubmit({
        ...rest,
        messengers: messengers
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      })
    } catch (error) {
      applyServerError(error, setError, ['name', 'messengers', 'timerFirstAnswer', 'timerNextAnswers'])
    }
  })
  const field = (name: keyof ChatFields, label: string, hint: string, number = false) => (
    <Field id={`${id}-${name}`} label={label} error={errors[name]?.message} hint={hint}>
      <Input
        id={`${id}-${name}`}
        type={number ? 'number' : 'text'}
        min={number ? 0 : undefined}
        autoComplete="off"
        {...fieldDescription(`${id}-${name}`, errors[name]?.message, true)}
        {...register(name, { valueAsNumber: number })}
      />
    </Field>
  )
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {field('name', 'Название', 'Как канал видят сотрудники: «Сайт», «Telegram-бот»')}
      {field('messengers', 'Мессенджеры', 'Через запятую: telegram, whatsapp, web')}
      {field('timerFirstAnswer', 'SL первого ответа, секунд', '0 — без SL', true)}
      {field('timerNextAnswers', 'SL следующих ответов, секунд', '0 — без SL', true)}
      <FormError message={errors.root?.server?.message} />
      <DialogFormActions pending={isSubmitting} submitLabel={submitLabel} />
    </form>
  )
}
