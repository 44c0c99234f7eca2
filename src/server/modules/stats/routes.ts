import { sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  MAX_STATS_DAYS,
  cardStatsQuerySchema,
  cardStatsSchema,
  type CardStats,
  type CardStatsQuery,
} from '@shared/stats'
import type { Role } from '@shared/common'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import type { Db } from '../../db/client'
import {
  attributeFill,
  attributes,
  cardChangesDaily,
  clients,
  companies,
  reviewPending,
  tags,
  tagUseDaily,
  users,
} from '../../db/schema'
import { badRequest } from '../../http/errors'
import { companyClientCount, visibleTo } from '../cards'
import { rowsOf } from '../../db/raw'

const [a, d, u] = [alias(attributes, 'a'), cardChangesDaily, tagUseDaily]
const NOBODY = '00000000-0000-0000-0000-000000000000'
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000

/** The period asked for, or the last 30 days up to today in the company's time zone. */
async function periodOf(db: Db, companyId: string, q: CardStatsQuery) {
  const [today] = await rowsOf<{ day: string }>(
    db,
    sql`SELECT to_char((now() AT TIME ZONE ${companies.timeZone})::date, 'YYYY-MM-DD') AS day
    FROM ${companies} WHERE ${companies.id} = ${companyId}`,
  )
  const to = q.to ?? today!.day
  const from = q.from ?? new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10)
  if (from > to) throw badRequest('querystring.from', 'Начало периода позже его конца')
  if (daysBetween(from, to) >= MAX_STATS_DAYS) throw badRequest('querystring.from', 'Период не длиннее двух лет')
  return { from, to }
}

/**
 * The figures of "Качество карточек", read from counters the database keeps on every write (migrations 0021, 0039
 * and 0040, whose slots are added up here) and from indexes: a handful of small queries, whatever the number of clients and the length of the history.
 */
async function cardStats(
  db: Db,
  auth: { companyId: string; userId: string; role: Role },
  q: CardStatsQuery,
): Promise<CardStats> {
  const { companyId } = auth
  const { from, to } = await periodOf(db, companyId, q)
  const before = new Date(Date.now() - q.staleDays * 86_400_000).toISOString()
  // Independent reads, sent at once. Stale cards are the clients less the cards changed since: a support desk
  // changes a few of its cards in a period, so that count reads a short stretch of the index, not a million.
  const [total, [recent], [pending], fill, changes, tagUse] = await Promise.all([
    companyClientCount(db, companyId),
    rowsOf<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM ${clients}
      WHERE ${clients.companyId} = ${companyId} AND ${clients.updatedAt} >= ${before}::timestamptz`,
    ),
    rowsOf<{ oldest: Date | string | null }>(
      db,
      sql`SELECT min(${reviewPending.pendingSince}) AS oldest FROM ${reviewPending} WHERE ${reviewPending.userId} = ${auth.userId}`,
    ),
    rowsOf<{ id: string; name: string; filled: number | null }>(
      db,
      sql`SELECT ${a.id} AS id, ${a.name} AS name,
        (SELECT sum(${attributeFill.filled}) FROM ${attributeFill} WHERE ${attributeFill.attributeId} = ${a.id})::int AS filled
      FROM ${attributes} a
      WHERE ${a.companyId} = ${companyId} AND ${a.archivedAt} IS NULL AND ${visibleTo(auth.role)} ORDER BY ${a.position}, ${a.createdAt}`,
    ),
    rowsOf<{ day: string; user_id: string; name: string | null; changes: number }>(
      db,
      sql`SELECT
        to_char(${d.day}, 'YYYY-MM-DD') AS day, ${d.userId} AS user_id, ${users.name} AS name, sum(${d.changes})::int AS changes
      FROM ${d} LEFT JOIN ${users} ON ${users.id} = ${d.userId}
      WHERE ${d.companyId} = ${companyId} AND ${d.day} BETWEEN ${from}::date AND ${to}::date
      GROUP BY ${d.day}, ${d.userId}, ${users.name} HAVING sum(${d.changes}) > 0
      ORDER BY ${d.day}, ${users.name}`,
    ),
    rowsOf<{ day: string; tag_id: string; name: string; kind: 'client' | 'session'; uses: number }>(
      db,
      sql`SELECT
        to_char(${u.day}, 'YYYY-MM-DD') AS day, ${u.tagId} AS tag_id, ${tags.name} AS name, ${tags.kind} AS kind,
        sum(${u.uses})::int AS uses
      FROM ${u} JOIN ${tags} ON ${tags.id} = ${u.tagId}
      WHERE ${tags.companyId} = ${companyId} AND ${u.day} BETWEEN ${from}::date AND ${to}::date
      GROUP BY ${u.day}, ${u.tagId}, ${tags.name}, ${tags.kind} ORDER BY ${u.day}, ${tags.name}`,
    ),
  ])
  return {
    from,
    to,
    clients: total,
    fill: fill.map((a) => ({
      attributeId: a.id,
      name: a.name,
      filled: a.filled ?? 0,
      share: total ? (a.filled ?? 0) / total : 0,
    })),
    changes: changes.map((c) => ({
      day: c.day,
      userId: c.user_id === NOBODY ? null : c.user_id,
      name: c.user_id === NOBODY ? 'Без автора' : (c.name ?? 'Сотрудник удалён'),
      changes: c.changes,
    })),
    tagUse: tagUse.map((u) => ({ day: u.day, tagId: u.tag_id, name: u.name, kind: u.kind, uses: u.uses })),
    stale: { days: q.staleDays, before, count: total - recent!.n },
    oldestPending: pending!.oldest === null ? null : new Date(pending!.oldest).toISOString(),
  }
}

export const statsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/stats/cards',
    {
      preHandler: requireRole('supervisor', 'admin'),
      schema: {
        tags: ['Clients'],
        summary: 'Качество карточек',
        description:
          'Руководитель и администратор. Заполненность каждого параметра, изменения карточек по дням и сотрудникам, ' +
          'теги по дням за период (`from`–`to`, не длиннее двух лет), карточки без изменений дольше `staleDays` дней и самая ' +
          'старая карточка в вашей очереди проверки.',
        querystring: cardStatsQuerySchema,
        response: { 200: cardStatsSchema },
      },
    },
    (req) => cardStats(db, req.auth, req.query),
  )
}
