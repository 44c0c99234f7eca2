import type { Message } from '@shared/messages'
import { cn } from '@/lib/cn'
import { formatDateTime, formatMessageTime } from '@/lib/dates'

const authorFallback = { client: 'Клиент', operator: 'Оператор', bot: 'Бот', system: '' }

const authorOf = ({ authorType, authorName }: Message) =>
  authorType === 'bot' && authorName && authorName !== 'Бот' ? `Бот · ${authorName}` : authorName || authorFallback[authorType]

// Bodies are plain text: React escapes them, and whitespace-pre-wrap keeps the client's line breaks.
export function MessageItem({ message }: { message: Message }) {
  const time = <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>{formatMessageTime(message.createdAt)}</time>

  if (message.authorType === 'system') {
    return (
      <li className="my-1 text-center text-xs text-slate-600">
        <span className="whitespace-pre-wrap">{message.body}</span> · {time}
      </li>
    )
  }

  const fromOperator = message.authorType === 'operator'
  return (
    <li className={cn('flex', fromOperator ? 'justify-end' : 'justify-start')}>
      <article
        className={cn(
          'max-w-[75%] rounded-lg px-3 py-2 text-sm shadow-xs',
          fromOperator && 'bg-blue-700 text-white',
          message.authorType === 'client' && 'bg-white text-slate-900 ring-1 ring-slate-200',
          message.authorType === 'bot' && 'bg-slate-200/70 text-slate-800 italic',
        )}
      >
        <p className={cn('mb-0.5 text-xs font-medium', fromOperator ? 'text-blue-100' : 'text-slate-600')}>
          {authorOf(message)}
        </p>
        <p className="break-words whitespace-pre-wrap">{message.body}</p>
        <p className={cn('mt-1 text-right text-[11px]', fromOperator ? 'text-blue-100' : 'text-slate-600')}>{time}</p>
      </article>
    </li>
  )
}
