import { and, eq, isNotNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/raw'
import { clients, companies, sessions } from '../../db/schema'
import { recordSystemEvent } from '../audit'
import { openCard } from '../cards'
import { closeOpenDialogues } from './erase-service'
import { eraseClients } from './erase-repo'

// Retention (a company setting, off by default): clients with no dialogue and no change for N months are destroyed,
// once a day, in chunks, with one act per run.

const CHUNK = 200
const HOUR = 3_600_000

/** The clients a run would destroy now: untouched and without a dialogue for `months`, not blocked. */
const candidatesSql = (companyId: string, months: number, limit?: number) => {
  const cutoff = sql`now() - ${months}::int * interval '1 month'`
  return sql`SELECT ${clients.id} AS id FROM ${clients} WHERE ${clients.companyId} = ${companyId} AND ${openCard(clients)}
    AND ${clients.updatedAt} < ${cutoff} AND coalesce(${clients.lastSessionAt}, ${clients.createdAt}) < ${cutoff}
    AND NOT EXISTS (SELECT FROM ${sessions} WHERE ${sessions.clientId} = ${clients.id} AND ${sessions.startedAt} >= ${cutoff})
    ORDER BY ${clients.id} ${limit ? sql`LIMIT ${limit}` : sql``}`
}

async function monthsOf(db: Db, companyId: string) {
  const [co] = await db.select({ months: companies.retentionMonths }).from(companies).where(eq(companies.id, companyId))
  return co?.months ?? null
}

/** What a run would destroy now (the panel's dry run). */
export async function retentionPreview(db: Db, companyId: string) {
  const months = await monthsOf(db, companyId)
  if (months === null) return { months, clients: 0 }
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (${candidatesSql(companyId, months)}) x`,
  )
  return { months, clients: row!.n }
}

/** Destroys what retention says, in chunks, adding each to the run's one act; null when there was nothing. */
export async function runRetention(db: Db, companyId: string) {
  const months = await monthsOf(db, companyId)
  if (months === null) return null
  let actId: string | undefined
  for (;;) {
    const ids = (await rowsOf<{ id: string }>(db, candidatesSql(companyId, months, CHUNK))).map((r) => r.id)
    if (ids.length === 0) break
    await closeOpenDialogues(db, { companyId }, ids)
    const act = await eraseClients(db, {
      companyId,
      clientIds: ids,
      userId: null,
      actId,
      subject: `Клиенты без диалогов и изменений ${months} мес.`,
      reason: `Истёк срок хранения: ${months} мес. без диалогов и изменений (настройка компании)`,
      journal: (tx, erased) =>
        recordSystemEvent(tx, {
          companyId,
          action: 'client.erased',
          summary: `Срок хранения ${months} мес.: уничтожены персональные данные ${erased.length} клиентов`,
        }),
    })
    actId = act.id
  }
  return actId ?? null
}

/**
 * The daily run inside the service: each hour it takes the companies with retention on whose last run was a day
 * ago or more (a claim one process wins), and runs theirs.
 */
export function startRetention(o: { db: Db; log: (err: unknown) => void }) {
  const tick = async () => {
    const due = await o.db
      .update(companies)
      .set({ retentionRunAt: sql`now()` })
      .where(
        and(
          isNotNull(companies.retentionMonths),
          sql`(${companies.retentionRunAt} IS NULL OR ${companies.retentionRunAt} < now() - interval '1 day')`,
        ),
      )
      .returning({ id: companies.id })
    for (const { id } of due) await runRetention(o.db, id)
  }
  let running = tick().catch(o.log)
  const timer = setInterval(() => {
    running = running.then(tick).catch(o.log)
  }, HOUR)
  timer.unref()
  return {
    async close() {
      clearInterval(timer)
      await running
    },
  }
}
