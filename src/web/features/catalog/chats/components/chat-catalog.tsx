import { useQuery } from '@tanstack/react-query'
import { ArchiveRestore, Archive, Pencil, Plus, ScrollText } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { toast } from 'sonner'
import type { Chat } from '@shared/chats'
import type { DialogueEvent } from '@shared/webhooks'
import { ArchiveToggle } from '@/components/ui/archive-toggle'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { catalogQueries } from '@/lib/catalog-queries'
import { useSaveChat } from '@/features/catalog/chats/api/chats'
import { ChatForm, type ChatFields } from './chat-form'

const sl = (seconds: number) => (seconds ? `${seconds} с` : 'нет')

function ChatDialog({ chat, trigger }: { chat?: Chat; trigger: ReactNode }) {
  const [open, setOpen] = useState(false)
  const save = useSaveChat()
  const defaults: ChatFields = chat
    ? {
        name: chat.name,
        messengers: chat.messengers.join(', '),
        timerFirstAnswer: chat.timerFirstAnswer,
        timerNextAnswers: chat.timerNextAnswers,
        eventCallbackUrl: chat.eventCallbackUrl ?? '',
        eventCallbackData: chat.eventCallbackData ?? '',
        notifyOnEvents: chat.notifyOnEvents as DialogueEvent[],
      }
    : {
        name: '',
        messengers: '',
        timerFirstAnswer: 0,
        timerNextAnswers: 0,
        eventCallbackUrl: '',
        eventCallbackData: '',
        notifyOnEvents: [],
      }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent
        title={chat ? 'Изменить канал' : 'Новый канал'}
        description="Через канал приходят диалоги: сайт, мессенджер, бот."
      >
        <ChatForm
          defaultValues={defaults}
          submitLabel={chat ? 'Сохранить' : 'Создать'}
          onSubmit={async (input) => {
            const saved = await save.mutateAsync({ id: chat?.id, ...input })
            toast.success(`Канал «${saved.name}» ${chat ? 'сохранён' : 'создан'}`)
            setOpen(false)
          }}
        />
      </DialogContent>
    </Dialog>
  )
}

/** What the page around the catalog shows of a chat's callbacks: their log. */
type CallbacksLog = (chatId: string) => ReactNode

function ChatRow({ chat, callbacksLog }: { chat: Chat; callbacksLog: CallbacksLog }) {
  const save = useSaveChat()
  const [showLog, setShowLog] = useState(false)
  const archived = chat.archivedAt !== null
  const toggle = () =>
    save.mutate(
      { id: chat.id, name: chat.name, archived: !archived },
      {
        onSuccess: () =>
          toast.success(
            archived
              ? `Канал «${chat.name}» восстановлен`
              : `Канал «${chat.name}» в архиве: новые диалоги в нём не начнутся`,
          ),
        onError: (err) => toast.error(`Не удалось изменить канал: ${err.message}`),
      },
    )
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900">
          {chat.name} {archived && <Badge>В архиве</Badge>}
        </p>
        <p className="text-xs text-slate-600">
          {chat.messengers.length ? chat.messengers.join(', ') : 'мессенджеры не указаны'} · SL первого ответа:{' '}
          {sl(chat.timerFirstAnswer)} · следующих: {sl(chat.timerNextAnswers)}
        </p>
        <p className="text-xs text-slate-600">
          События диалогов:{' '}
          {chat.eventCallbackUrl ? <span className="font-mono">{chat.eventCallbackUrl}</span> : 'не отправляются'}
          {chat.eventCallbackUrl && chat.notifyOnEvents.length > 0 && ` (${chat.notifyOnEvents.join(', ')})`}
        </p>
        <p className="font-mono text-xs text-slate-600">ID: {chat.id}</p>
      </div>
      <Button
        variant="ghost"
        size="sm"
        aria-expanded={showLog}
        aria-label={`Обратные вызовы: ${chat.name}`}
        onClick={() => setShowLog((v) => !v)}
      >
        <ScrollText aria-hidden className="size-4" /> Обратные вызовы
      </Button>
      {!archived && (
        <ChatDialog
          chat={chat}
          trigger={
            <Button variant="ghost" size="sm" aria-label={`Изменить «${chat.name}»`}>
              <Pencil aria-hidden className="size-4" /> Изменить
            </Button>
          }
        />
      )}
      <Button
        variant="ghost"
        size="sm"
        onClick={toggle}
        disabled={save.isPending}
        aria-label={`${archived ? 'Восстановить' : 'В архив'}: ${chat.name}`}
      >
        {archived ? <ArchiveRestore aria-hidden className="size-4" /> : <Archive aria-hidden className="size-4" />}{' '}
        {archived ? 'Восстановить' : 'В архив'}
      </Button>
      {showLog && <div className="basis-full">{callbacksLog(chat.id)}</div>}
    </li>
  )
}

/**
 * "Каналы": the chats dialogues come through (TWIN /chats), with their SLs and callbacks. `signing` (the key
 * callbacks are signed with) and `callbacksLog` come from the page: they belong to the webhooks feature.
 */
export function ChatCatalog({ signing, callbacksLog }: { signing: ReactNode; callbacksLog: CallbacksLog }) {
  const chats = useQuery(catalogQueries.chats())
  const [showArchived, setShowArchived] = useState(false)
  const shown = chats.data?.items.filter((chat) => showArchived || chat.archivedAt === null) ?? []
  return (
    <section aria-labelledby="chats-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <div>
          <h2 id="chats-heading" className="text-base font-semibold">
            Каналы
          </h2>
          <p className="text-sm text-slate-600">
            Интеграция начинает диалог в канале: POST /chats/{'{chatId}'}/sessions.
          </p>
        </div>
        <div className="flex gap-3">
          <ArchiveToggle shown={showArchived} onChange={setShowArchived} />
          <ChatDialog
            trigger={
              <Button>
                <Plus aria-hidden className="size-4" /> Новый канал
              </Button>
            }
          />
        </div>
      </div>
      {signing}
      {chats.isPending && <LoadingState />}
      {chats.isError && <ErrorState error={chats.error} onRetry={() => void chats.refetch()} />}
      {chats.data &&
        (shown.length === 0 ? (
          <EmptyState title="Каналов пока нет">Диалоги без канала приходят через POST /sessions.</EmptyState>
        ) : (
          <ul aria-label="Каналы" className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
            {shown.map((chat) => (
              <ChatRow key={chat.id} chat={chat} callbacksLog={callbacksLog} />
            ))}
          </ul>
        ))}
    </section>
  )
}
