import { zodResolver } from '@hookform/resolvers/zod'
import * as Popover from '@radix-ui/react-popover'
import { Send } from 'lucide-react'
import { lazy, Suspense, useRef, useState, type KeyboardEvent } from 'react'
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

// Not on the first screen: fetched once the operator is in the reply box, so «/» opens it at once.
const loadPicker = () => import('./template-picker')
const TemplatePicker = lazy(loadPicker)

export function Composer({ sessionId, clientId, closed }: { sessionId: string; clientId: string; closed: boolean }) {
  const send = useSendMessage(sessionId)
  const [picking, setPicking] = useState(false)
  const box = useRef<HTMLTextAreaElement | null>(null)
  const {
    register,
    handleSubmit,
    getValues,
    setValue,
    reset,
    setError,
    formState: { errors },
  } = useForm<z.infer<typeof replySchema>>({
    resolver: zodResolver(replySchema),
    defaultValues: { body: '' },
  })
  const bodyField = register('body')
  const error = errors.body?.message ?? errors.root?.server?.message
  const hint = closed
    ? 'Диалог закрыт: ответить нельзя. Новое сообщение клиента откроет его снова.'
    : 'Enter — отправить, Shift+Enter — новая строка, «/» в начале или Alt+T — шаблоны'

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

  /** A template's text goes into the box for the operator to edit and send; it is never sent by itself. */
  const insert = (text: string) => {
    const typed = getValues('body')
    setValue('body', typed.trim() ? `${typed.replace(/\s*$/, '')} ${text}` : text, { shouldDirty: true })
    setPicking(false)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // «/» at the start of an empty box, or Alt+T (by the key's place, whatever the layout): the templates.
    if ((e.key === '/' && getValues('body') === '') || (e.altKey && e.code === 'KeyT')) {
      e.preventDefault()
      setPicking(true)
      return
    }
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
      <Popover.Root open={picking} onOpenChange={setPicking}>
        <Popover.Anchor asChild>
          <div className="flex items-end gap-2">
            <Textarea
              id="composer"
              rows={3}
              disabled={closed}
              onKeyDown={onKeyDown}
              onFocus={() => void loadPicker()}
              placeholder={closed ? 'Диалог закрыт' : 'Напишите ответ… («/» — шаблоны)'}
              className="resize-none"
              {...fieldDescription('composer', error, true)}
              {...bodyField}
              ref={(el) => {
                bodyField.ref(el)
                box.current = el
              }}
            />
            <Button
              type="submit"
              disabled={closed || send.isPending}
              aria-label={send.isPending ? 'Отправляем…' : 'Отправить'}
            >
              {send.isPending ? <Spinner /> : <Send aria-hidden className="size-4" />}
            </Button>
          </div>
        </Popover.Anchor>
        {picking && (
          <Suspense fallback={null}>
            <TemplatePicker
              sessionId={sessionId}
              clientId={clientId}
              onInsert={insert}
              returnFocus={() => box.current?.focus()}
            />
          </Suspense>
        )}
      </Popover.Root>
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
