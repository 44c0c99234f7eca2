import { Check } from 'lucide-react'
import { Link } from 'react-router'
import type { PendingReview } from '@shared/reviews'
import { Button } from '@/components/ui/button'
import { formatDateTime, formatRelative } from '@/lib/dates'
import { clientLabel } from '@shared/labels'
import { ChangeDiff } from '@/components/change-diff'
import { summarizeChanges } from '@/features/reviews/utils/summarize-changes'

interface ReviewCardProps {
  review: PendingReview
  onReviewed: () => void
}

const changesWord = (n: number) => {
  const tens = n % 100
  const ones = n % 10
  if (tens >= 11 && tens <= 14) return `${n} изменений`
  return `${n} ${ones === 1 ? 'изменение' : ones >= 2 && ones <= 4 ? 'изменения' : 'изменений'}`
}

/** One card of the queue: what differs from the reviewed card, who changed it and when. */
export function ReviewCard({ review, onReviewed }: ReviewCardProps) {
  const { client, changes, changeCount, reviewedAt, pendingSince } = review
  const name = clientLabel(client)
  const headingId = `review-${client.id}`
  const summaries = summarizeChanges(changes)

  return (
    <article
      tabIndex={0}
      aria-labelledby={headingId}
      data-client-id={client.id}
      className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold">
          <Link to={`/clients/${client.id}`} tabIndex={-1} className="text-blue-800 hover:underline">
            {name}
          </Link>
        </h2>
        <p className="text-xs text-slate-600">
          {changesWord(changeCount)}{' '}
          {reviewedAt
            ? `после вашей проверки ${formatDateTime(reviewedAt)}`
            : `с ${formatDateTime(pendingSince)}, ещё не проверяли`}
        </p>
      </header>
      <ul className="space-y-2">
        {summaries.map((s) => (
          <li key={s.key} className="space-y-0.5">
            <ChangeDiff item={s.net} />
            <p className="text-xs text-slate-600">
              {s.unchanged && <span className="font-medium text-slate-800">изменили и вернули как было · </span>}
              <span className="font-medium text-slate-800">{s.authors.join(', ')}</span>
              {' · '}
              <time dateTime={s.latestAt} title={formatDateTime(s.latestAt)}>
                {formatRelative(s.latestAt)}
              </time>
              {s.count > 1 && ` · ${changesWord(s.count)}`}
            </p>
          </li>
        ))}
      </ul>
      {changeCount > changes.length && (
        <p className="text-xs text-slate-600">
          Показаны последние {changes.length} из {changeCount} — вся история в карточке клиента.
        </p>
      )}
      <Button size="sm" onClick={onReviewed}>
        <Check aria-hidden className="size-4" /> Проверено
      </Button>
    </article>
  )
}
