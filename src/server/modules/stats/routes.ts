import { sql } from 'drizzle-orm'
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
import { visibleTo } from '../cards'
import { rowsOf } from '../../db/raw'

const NOBODY = '00000000-0000-0000-0000-000000000000'
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000

/** The period asked for, or the last 30 days up to today in the company's time zone. */
async function periodOf(db: Db, companyId: string, q: CardStatsQuery) {
  const [today] = await rowsOf<{ day: string }>(
    db,
    sql`SELECT to_char((now() AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS day
    FROM ${companies} WHERE id = ${companyId}`,
  )
  const to = q.to ?? today!.day
  const from = q.from ?? new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10)
  if (from > to) throw badRequest('querystring.from', 'Начало периода позже его конца')
  if (daysBetween(from, to) >= MAX_STATS_DAYS) throw badRequest('querystring.from', 'Период не длиннее двух лет')
  return { from, to }
}

/**
 * The figures of "Качество карточек", read from counters the database keeps on every write (migration 0021)
 * and from indexes: a handful of small queries, whatever the number of clients and the length of the history.
 */
async function cardStats(
  db: Db,
  auth: { companyId: string; userId: string; role: Role },
  q: CardStatsQuery,
): Promise<CardStats> {
  const { companyId } = auth
  const { from, to } = await periodOf(db, companyId, q)
  const before = new Date(Date.now() - q.staleDays * 86_400_000).toISOString()
  const [counts] = await rowsOf<{ clients: number; stale: number; oldest: Date | string | null }>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM ${clients} WHERE company_id = ${companyId}) AS clients,
      (SELECT count(*)::int FROM ${clients} WHERE company_id = ${companyId} AND updated_at < ${before}::timestamptz) AS stale,
      (SELECT min(pending_since) FROM ${reviewPending} WHERE user_id = ${auth.userId}) AS oldest`,
  )
  const total = counts!.clients
  const fill = await rowsOf<{ id: string; name: string; filled: number | null }>(
    db,
    sql`SELECT a.id, a.name, f.filled
    FROM ${attributes} a LEFT JOIN ${attributeFill} f ON f.attribute_id = a.id
    WHERE a.company_id = ${companyId} AND a.archived_at IS NULL AND ${visibleTo(auth.role)} ORDER BY a.position, a.created_at`,
  )
  const changes = await rowsOf<{ day: string; user_id: string; name: string | null; changes: number }>(
    db,
    sql`SELECT
      to_char(d.day, 'YYYY-MM-DD') AS day, d.user_id, u.name, d.changes
    FROM ${cardChangesDaily} d LEFT JOIN ${users} u ON u.id = d.user_id
    WHERE d.company_id = ${companyId} AND d.day BETWEEN ${from}::date AND ${to}::date AND d.changes > 0 ORDER BY d.day, u.name`,
  )
  const tagUse = await rowsOf<{ day: string; tag_id: string; name: string; kind: 'client' | 'session'; uses: number }>(
    db,
    sql`SELECT
      to_char(u.day, 'YYYY-MM-DD') AS day, u.tag_id, t.name, t.kind, u.uses
    FROM ${tagUseDaily} u JOIN ${tags} t ON t.id = u.tag_id
    WHERE t.company_id = ${companyId} AND u.day BETWEEN ${from}::date AND ${to}::date ORDER BY u.day, t.name`,
  )
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
    stale: { days: q.staleDays, before, count: counts!.stale },
    oldestPending: counts!.oldest === null ? null : new Date(counts!.oldest).toISOString(),
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
