import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { chatInputSchema } from '@shared/chats'
import { DIALOGUE_EVENTS, WEBHOOK_EVENT_GROUPS, type DialogueEvent } from '@shared/webhooks'
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
  eventCallbackUrl: z.union([
    z.literal(''),
    z.url({ protocol: /^https?$/, error: 'Адрес должен начинаться с http:// или https://' }),
  ]),
  eventCallbackData: z.string().max(2000),
  notifyOnEvents: z.array(z.enum(Object.keys(DIALOGUE_EVENTS) as [DialogueEvent, ...DialogueEvent[]])),
})
export type ChatFields = z.infer<typeof chatFormSchema>
type ChatFormInput = Omit<ChatFields, 'messengers'> & { messengers: string[] }

/** TWIN's dialogue events with the words the webhooks page uses for them. */
const dialogueEvents = Object.entries(DIALOGUE_EVENTS).map(([event, named]) => ({
  event,
  label: WEBHOOK_EVENT_GROUPS.Диалоги[named],
}))

interface ChatFormProps {
  defaultValues: ChatFields
  submitLabel: string
  onSubmit: (input: ChatFormInput) => Promise<unknown>
}

/** Name, messengers, the response-time SLs and the event callback of a chat (channel); create and edit share it. */
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
      applyServerError(error, setError, [
        'name',
        'messengers',
        'timerFirstAnswer',
        'timerNextAnswers',
        'eventCallbackUrl',
        'eventCallbackData',
        'notifyOnEvents',
      ])
    }
  })
  const field = (name: Exclude<keyof ChatFields, 'notifyOnEvents'>, label: string, hint: string, number = false) => (
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
      {field('eventCallbackUrl', 'Адрес для событий диалогов', 'eventCallbackUrl: пусто — не отправлять')}
      {field('eventCallbackData', 'Данные для получателя', 'Возвращаются в каждом событии как callbackData')}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Какие события отправлять</legend>
        <p className="text-xs text-slate-600">Ничего не отмечено — все. Настройки диалога важнее настроек канала.</p>
        {dialogueEvents.map(({ event, label }) => (
          <label key={event} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" value={event} className="size-4 accent-blue-700" {...register('notifyOnEvents')} />
            {label} <code className="text-xs text-slate-600">{event}</code>
          </label>
        ))}
      </fieldset>
      <FormError message={errors.root?.server?.message} />
      <DialogFormActions pending={isSubmitting} submitLabel={submitLabel} />
    </form>
  )
}
