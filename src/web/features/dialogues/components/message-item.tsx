import { Paperclip } from 'lucide-react'
import type { Message } from '@shared/messages'
import { cn } from '@/lib/cn'
import { formatDateTime, formatMessageTime } from '@/lib/dates'

const authorFallback = { client: 'Клиент', operator: 'Оператор', bot: 'Бот', system: '' }

const authorOf = ({ authorType, authorName }: Message) =>
  authorType === 'bot' && authorName && authorName !== 'Бот'
    ? `Бот · ${authorName}`
    : authorName || authorFallback[authorType]

// Bodies are plain text: React escapes them, and whitespace-pre-wrap keeps the client's line breaks.
export function MessageItem({ message }: { message: Message }) {
  const time = (
    <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
      {formatMessageTime(message.createdAt)}
    </time>
  )

  if (message.authorType === 'system') {
    return (
      <li className="my-1 text-center text-xs break-words text-slate-600">
        <span className="whitespace-pre-wrap">{message.body}</span> · {time}
      </li>
    )
  }

  const fromOperator = message.authorType === 'operator'
  return (
    <li className={cn('flex', fromOperator ? 'justify-end' : 'justify-start')}>
      <article
        className={cn(
          'max-w-[75%] min-w-0 rounded-lg px-3 py-2 text-sm shadow-xs',
          fromOperator && 'bg-blue-700 text-white',
          message.authorType === 'client' && 'bg-white text-slate-900 ring-1 ring-slate-200',
          message.authorType === 'bot' && 'bg-slate-200/70 text-slate-800 italic',
        )}
      >
        <p
          title={authorOf(message)}
          className={cn('mb-0.5 truncate text-xs font-medium', fromOperator ? 'text-blue-100' : 'text-slate-600')}
        >
          {authorOf(message)}
        </p>
        {message.replyTo && (
          <blockquote
            className={cn(
              'mb-1 border-l-2 pl-2 text-xs',
              fromOperator ? 'border-blue-200 text-blue-100' : 'border-slate-300 text-slate-600',
            )}
          >
            <span className="sr-only">В ответ на: </span>
            <span className="line-clamp-2 break-words">{message.replyTo.body}</span>
          </blockquote>
        )}
        {message.body && <p className="break-words whitespace-pre-wrap">{message.body}</p>}
        {message.attachments.length > 0 && (
          <ul aria-label="Файлы" className="mt-1 space-y-0.5">
            {message.attachments.map((file) => (
              <li key={file.url}>
                {/* Links only to http(s) (the service refuses anything else); opened without our page as opener. */}
                <a
                  href={file.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="inline-flex items-center gap-1 break-all underline"
                >
                  <Paperclip aria-hidden className="size-3.5 shrink-0" />
                  {file.name}
                </a>
              </li>
            ))}
          </ul>
        )}
        <p className={cn('mt-1 text-right text-[11px]', fromOperator ? 'text-blue-100' : 'text-slate-600')}>{time}</p>
      </article>
    </li>
  )
}
