import { zodResolver } from '@hookform/resolvers/zod'
import { Send } from 'lucide-react'
import type { KeyboardEvent } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod'
import { messageBodySchema } from '@shared/sessions'
import { Button } from '@/components/ui/button'
import { fieldDescription } from '@/components/ui/field'
import { Textarea } from '@/components/ui/input'
import { Spinner } from '@/components/ui/spinner'
import { useSendMessage } from '@/features/dialogues/api/messages'

/** The panel's reply: text only (files come from channels as links). */
const replySchema = z.object({ body: messageBodySchema })

export function Composer({ sessionId, closed }: { sessionId: string; closed: boolean }) {
  const send = useSendMessage(sessionId)
  const {
    register,
    handleSubmit,
    getValues,
    reset,
    setError,
    formState: { errors },
  } = useForm<z.infer<typeof replySchema>>({
    resolver: zodResolver(replySchema),
    defaultValues: { body: '' },
  })
  const error = errors.body?.message ?? errors.root?.server?.message
  const hint = closed
    ? 'Диалог закрыт: ответить нельзя. Новое сообщение клиента откроет его снова.'
    : 'Enter — отправить, Shift+Enter — новая строка'

  const onSubmit = handleSubmit(({ body }) => {
    if (send.isPending) return
    const typed = getValues('body')
    send.mutate(body, {
      // Clear the box only if nothing new was typed while the message was on its way.
      onSuccess: () => getValues('body') === typed && reset({ body: '' }),
      onError: (err) => {
        // The text stays in the box, so the operator can send it again.
        setError('root.server', { message: err.message })
        toast.error(`Сообщение не отправлено: ${err.message}`)
      },
    })
  })

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      void onSubmit()
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="border-t border-slate-200 bg-white p-3">
      <label htmlFor="composer" className="sr-only">
        Ответ клиенту
      </label>
      <div className="flex items-end gap-2">
        <Textarea
          id="composer"
          rows={3}
          disabled={closed}
          onKeyDown={onKeyDown}
          placeholder={closed ? 'Диалог закрыт' : 'Напишите ответ…'}
          className="resize-none"
          {...fieldDescription('composer', error, true)}
          {...register('body')}
        />
        <Button
          type="submit"
          disabled={closed || send.isPending}
          aria-label={send.isPending ? 'Отправляем…' : 'Отправить'}
        >
          {send.isPending ? <Spinner /> : <Send aria-hidden className="size-4" />}
        </Button>
      </div>
      {error ? (
        <p id="composer-error" role="alert" className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p id="composer-hint" className="mt-1.5 text-xs text-slate-600">
          {hint}
        </p>
      )}
    </form>
  )
}
