import { useQuery } from '@tanstack/react-query'
import { useMemo, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import type { CardStats } from '@shared/stats'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { formatDateTime } from '@/lib/dates'
import { cardStatsQuery, type StatsPeriod } from '@/features/stats/api/stats'
import { FillBars } from './fill-bars'
import { StackedBars, type Series } from './stacked-bars'

/** Rows of (day, series, count) as the days of the period that have any, and one series per name. */
function byDay<T extends { day: string }>(rows: T[], seriesOf: (r: T) => string, countOf: (r: T) => number) {
  const days = [...new Set(rows.map((r) => r.day))].sort()
  const names = [...new Set(rows.map(seriesOf))].sort((a, b) => a.localeCompare(b, 'ru'))
  const series: Series[] = names.map((label) => ({
    label,
    values: days.map((d) =>
      rows.filter((r) => r.day === d && seriesOf(r) === label).reduce((n, r) => n + countOf(r), 0),
    ),
  }))
  return { days, series }
}

function Charts({ stats }: { stats: CardStats }) {
  const changes = useMemo(
    () =>
      byDay(
        stats.changes,
        (r) => r.name,
        (r) => r.changes,
      ),
    [stats.changes],
  )
  const tags = useMemo(
    () =>
      byDay(
        stats.tagUse,
        (r) => `${r.name} (${r.kind === 'client' ? 'клиента' : 'сессии'})`,
        (r) => r.uses,
      ),
    [stats.tagUse],
  )
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section
        aria-labelledby="fill-heading"
        className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200 lg:col-span-2"
      >
        <h2 id="fill-heading" className="text-sm font-semibold text-slate-900">
          Заполненность параметров: у скольких клиентов есть значение
        </h2>
        <FillBars fill={stats.fill} />
      </section>
      <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <StackedBars
          title="Изменения карточек по дням и сотрудникам"
          days={changes.days}
          series={changes.series}
          file={`changes-${stats.from}-${stats.to}.csv`}
        />
      </section>
      <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <StackedBars
          title="Теги по дням"
          days={tags.days}
          series={tags.series}
          file={`tags-${stats.from}-${stats.to}.csv`}
        />
      </section>
    </div>
  )
}

/**
 * "Качество карточек": how complete the cards are (each bar leads to the clients that lack the value),
 * who keeps them and how, which have not changed for long, and how old the review queue's oldest card is.
 */
export function CardQuality() {
  const [period, setPeriod] = useState<StatsPeriod>({ staleDays: 90 })
  const [draft, setDraft] = useState({ from: '', to: '', staleDays: '90' })
  const stats = useQuery(cardStatsQuery(period))
  const apply = (e: FormEvent) => {
    e.preventDefault()
    setPeriod({ from: draft.from || undefined, to: draft.to || undefined, staleDays: Number(draft.staleDays) || 90 })
  }
  const s = stats.data
  return (
    <div className="space-y-4">
      <form onSubmit={apply} className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-200">
        <label className="space-y-1 text-sm text-slate-800">
          С <Input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label className="space-y-1 text-sm text-slate-800">
          По <Input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <label className="space-y-1 text-sm text-slate-800">
          Не менялись, дней
          <Input
            type="number"
            min={1}
            max={3650}
            value={draft.staleDays}
            onChange={(e) => setDraft({ ...draft, staleDays: e.target.value })}
            className="w-28"
          />
        </label>
        <Button type="submit">Показать</Button>
      </form>
      {stats.isPending && <LoadingState label="Считаем…" />}
      {stats.isError && <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />}
      {s && (
        <>
          <dl className="grid gap-3 sm:grid-cols-3">
            <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
              <dt className="text-xs text-slate-600">Клиентов</dt>
              <dd className="text-xl font-semibold">{s.clients.toLocaleString('ru')}</dd>
            </div>
            <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
              <dt className="text-xs text-slate-600">Не менялись дольше {s.stale.days} дн.</dt>
              <dd className="text-xl font-semibold">
                <Link
                  to={`/clients?${new URLSearchParams({ updatedBefore: s.stale.before, sort: 'updatedAt', order: 'asc' })}`}
                  className="text-blue-800 hover:underline"
                >
                  {s.stale.count.toLocaleString('ru')}
                </Link>
              </dd>
            </div>
            <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
              <dt className="text-xs text-slate-600">Самая старая карточка в очереди проверки</dt>
              <dd className="text-sm font-semibold">
                {s.oldestPending ? (
                  <Link to="/reviews" className="text-blue-800 hover:underline">
                    ждёт с {formatDateTime(s.oldestPending)}
                  </Link>
                ) : (
                  'очередь пуста'
                )}
              </dd>
            </div>
          </dl>
          <p className="text-xs text-slate-600">
            Период: {s.from} — {s.to}
          </p>
          <Charts stats={s} />
        </>
      )}
    </div>
  )
}
