import type { ClientHistoryItem } from '@shared/client-history'
import { formatDateTime, formatRelative } from '@/lib/dates'

const sourceLabels = { panel: 'панель', api: 'API' } as const

/** Who made a change, through what, and when: "Ольга · панель · 5 минут назад, 3 мая 2025, 14:05". */
export function ChangeMeta({ item }: { item: ClientHistoryItem }) {
  const who = item.changedBy?.name ?? (item.source === 'api' ? 'Интеграция' : 'Неизвестный пользователь')
  return (
    <p className="text-xs text-slate-600">
      <span className="font-medium text-slate-800">{who}</span> · {sourceLabels[item.source]} ·{' '}
      <time dateTime={item.changedAt} title={formatDateTime(item.changedAt)}>
        {formatRelative(item.changedAt)}, {formatDateTime(item.changedAt)}
      </time>
    </p>
  )
}
