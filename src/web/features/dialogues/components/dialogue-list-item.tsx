import { NavLink } from 'react-router'
import type { Session } from '@shared/sessions'
import type { TagRef } from '@shared/tags'
import { Badge } from '@/components/ui/badge'
import { Chip } from '@/components/ui/chip'
import { cn } from '@/lib/cn'
import { formatRelative, formatWaiting } from '@/lib/dates'
import { clientLabel } from '@shared/labels'

/** A message without text shows the names of its files. */
const previewOf = (m: NonNullable<Session['lastMessage']>) => m.body || m.attachments.map((a) => a.name).join(', ')

export function DialogueListItem({
  session,
  search,
  tagsById,
}: {
  session: Session
  search: string
  tagsById: Map<string, TagRef>
}) {
  const unread = session.unreadClientMessageCount
  const sessionTags = session.tagIds.flatMap((id) => tagsById.get(id) ?? [])
  const when = session.lastMessageCreatedAt ?? session.startedAt
  return (
    <NavLink
      to={{ pathname: `/dialogs/${session.id}`, search }}
      className={({ isActive }) =>
        cn('block border-b border-slate-100 px-3 py-2.5 hover:bg-slate-50', isActive && 'bg-blue-50 hover:bg-blue-50')
      }
    >
      <div className="flex items-center gap-2">
        <span className={cn('min-w-0 flex-1 truncate text-sm', unread ? 'font-semibold' : 'font-medium')}>
          {clientLabel(session.client)}
        </span>
        <time dateTime={when} className="shrink-0 text-xs text-slate-600">
          {formatRelative(when)}
        </time>
      </div>
      <div className="mt-0.5 flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate text-sm text-slate-700">
          {session.lastMessage ? previewOf(session.lastMessage) : 'Нет сообщений'}
        </span>
        {unread > 0 && (
          <Badge tone="blue">
            <span aria-hidden>{unread}</span>
            <span className="sr-only">Непрочитанных: {unread}</span>
          </Badge>
        )}
      </div>
      <div className="mt-1 flex items-center gap-2 text-xs text-slate-600">
        <span className="truncate">{session.operatorName ?? 'Без оператора'}</span>
        {/* Nobody has it yet: how long the client has been waiting. */}
        {!session.operatorId && session.status === 'open' && (
          <span className="shrink-0 font-medium text-amber-800">ждёт {formatWaiting(session.startedAt)}</span>
        )}
        {session.status === 'closed' && <Badge>Закрыт</Badge>}
      </div>
      {/* The client's tags first (they follow the client everywhere), then this dialogue's own. */}
      {session.client.tags.length + sessionTags.length > 0 && (
        <div className="mt-1.5 flex flex-wrap gap-1">
          {[...session.client.tags, ...sessionTags].map((tag) => (
            <Chip key={tag.id} color={tag.color}>
              {tag.name}
            </Chip>
          ))}
        </div>
      )}
    </NavLink>
  )
}
