import { ArrowLeft } from 'lucide-react'
import { useEffect, type ReactNode } from 'react'
import { Link, useLocation } from 'react-router'
import type { Session } from '@shared/sessions'
import { Badge } from '@/components/ui/badge'
import { useMarkRead } from '@/features/dialogues/api/sessions'
import { CloseSessionButton } from './close-session-button'
import { Composer } from './composer'
import { MessageThread } from './message-thread'
import { SpamButton } from './spam-button'
import { TakeSessionButton } from './take-session-button'
import { TransferSession } from './transfer-session'

/**
 * `cardButton` opens the client's card where the screen has no room for it beside the thread; `name` is the
 * client's as it is now (the session's copy may be older).
 */
export function DialogueView({
  session,
  cardButton,
  name,
}: {
  session: Session
  cardButton?: ReactNode
  name: string
}) {
  const { search } = useLocation()
  const closed = session.status === 'closed'
  const { mutate: markRead } = useMarkRead(session.id)
  const hasUnread = session.unreadClientMessageCount > 0
  // Reading happens while the dialogue is open, also for messages that arrive meanwhile.
  useEffect(() => {
    if (hasUnread) markRead()
  }, [hasUnread, markRead])

  return (
    <section aria-labelledby="dialog-heading" className="flex min-w-0 flex-1 flex-col lg:min-w-[420px]">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
        {/* The list folds away while a dialogue is open below 1280 px: the way back to it. */}
        <Link
          to={{ pathname: '/dialogs', search }}
          className="rounded p-1 text-slate-700 hover:bg-slate-100 xl:hidden"
          aria-label="К списку диалогов"
        >
          <ArrowLeft aria-hidden className="size-4" />
        </Link>
        {/* A name keeps room for about 20 characters; the actions go to the next line first. */}
        <div className="min-w-0 flex-[1_1_12rem]">
          <h2 id="dialog-heading" title={name} className="truncate text-base font-semibold">
            {name}
          </h2>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
            <Badge tone={closed ? 'neutral' : 'green'}>{closed ? 'Закрыт' : 'Открыт'}</Badge>
            {session.markedAsSpam && <Badge tone="red">Спам</Badge>}
            <span>{session.operatorName ? `Оператор: ${session.operatorName}` : 'Без оператора'}</span>
            <span>Канал: {session.channel}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <TakeSessionButton session={session} />
          {cardButton}
          <SpamButton sessionId={session.id} spam={session.markedAsSpam} />
          {!closed && <TransferSession sessionId={session.id} operatorId={session.operatorId} />}
          {!closed && <CloseSessionButton session={session} />}
        </div>
      </header>
      <MessageThread sessionId={session.id} />
      <Composer sessionId={session.id} clientId={session.client.id} closed={closed} />
    </section>
  )
}
