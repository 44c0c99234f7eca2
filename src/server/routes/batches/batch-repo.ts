import { and, count, desc, eq, sql } from 'drizzle-orm'
import type { Batch, BatchKind } from '@shared/batches'
import type { ListQuery } from '@shared/common'
import type { Actor } from '../../auth/change-source'
import type { Db } from '../../db/client'
import { changeBatches, users } from '../../db/schema'
import { isoOrNull } from '../../db/sql-helpers'
import type { EventBus } from '../../events/bus'
import { notFound } from '../../errors'

export type BatchRow = typeof changeBatches.$inferSelect

/** A running import or bulk edit: counts what it has done and tells its author's panel how far it got. */
export interface BatchRun {
  id: string
  progress(done: number): Promise<void>
  finish(status: 'done' | 'failed', summary: Record<string, unknown>): Promise<void>
}

/** Progress is written and sent at most this often: a 100,000-row import has hundreds of chunks. */
const PROGRESS_EVERY_MS = 250

export async function startBatch(db: Db, bus: EventBus, actor: Actor, kind: BatchKind, total: number | null,
  summary: Record<string, unknown> = {}): Promise<BatchRun> {
  const [row] = await db.insert(changeBatches).values({ companyId: actor.companyId, kind, createdBy: actor.userId, total, summary })
    .returning({ id: changeBatches.id })
  const id = row!.id
  let sentAt = 0
  let done = 0
  const send = () => bus.publish(actor.companyId, { type: 'batch.progress', batchId: id, userId: actor.userId, done, total })
  return {
    id,
    async progress(n) {
      done = n
      if (Date.now() - sentAt < PROGRESS_EVERY_MS) return
      sentAt = Date.now()
      await db.update(changeBatches).set({ done }).where(eq(changeBatches.id, id))
      send()
    },
    async finish(status, result) {
      await db.update(changeBatches).set({ status, done, finishedAt: sql`clock_timestamp()`, summary: sql`${changeBatches.summary} || ${JSON.stringify(result)}::jsonb` })
        .where(eq(changeBatches.id, id))
      send()
      bus.publish(actor.companyId, { type: 'clients.changed' })
    },
  }
}

const toBatch = (r: BatchRow, by: { id: string; name: string } | null): Batch => ({
  id: r.id, kind: r.kind, status: r.status, createdAt: r.createdAt.toISOString(), createdBy: by,
  finishedAt: isoOrNull(r.finishedAt), undoneAt: isoOrNull(r.undoneAt), total: r.total, done: r.done, summary: r.summary,
})

/** One batch of the caller's company, of the kind the path names; another company's is as unknown as none. */
export async function getBatch(db: Db, companyId: string, kind: BatchKind, id: string) {
  const [row] = await db.select({ batch: changeBatches, by: { id: users.id, name: users.name } }).from(changeBatches)
    .leftJoin(users, eq(users.id, changeBatches.createdBy))
    .where(and(eq(changeBatches.id, id), eq(changeBatches.companyId, companyId), eq(changeBatches.kind, kind)))
  if (!row) throw batchNotFound(kind)
  return toBatch(row.batch, row.by)
}

/** The company's imports or bulk edits, newest first: where a running one's id is found, and older ones undone. */
export async function listBatches(db: Db, companyId: string, kind: BatchKind, q: ListQuery) {
  const where = and(eq(changeBatches.companyId, companyId), eq(changeBatches.kind, kind))
  const [rows, [total]] = await Promise.all([
    db.select({ batch: changeBatches, by: { id: users.id, name: users.name } }).from(changeBatches)
      .leftJoin(users, eq(users.id, changeBatches.createdBy)).where(where)
      .orderBy(desc(changeBatches.createdAt), desc(changeBatches.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(changeBatches).where(where),
  ])
  return { count: total!.n, items: rows.map((r) => toBatch(r.batch, r.by)) }
}

export const batchNotFound = (kind: BatchKind) => notFound(kind === 'import' ? 'Импорт не найден' : 'Массовое изменение не найдено')
