import type { ClientHistoryItem } from '@shared/client-history'
import { authorOf } from '@/lib/attribute-format'
import { sourceLabels } from '@shared/attributes'
import { formatDateTime, formatRelative } from '@/lib/dates'

/** Who made a change, through what, and when: "Ольга · панель · 5 минут назад, 3 мая 2025, 14:05". */
export function ChangeMeta({ item }: { item: ClientHistoryItem }) {
  return (
    <p className="text-xs text-slate-600">
      <span className="font-medium text-slate-800">{authorOf(item)}</span> · {sourceLabels[item.source]} ·{' '}
      <time dateTime={item.changedAt} title={formatDateTime(item.changedAt)}>
        {formatRelative(item.changedAt)}, {formatDateTime(item.changedAt)}
      </time>
    </p>
  )
}
