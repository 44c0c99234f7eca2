import { and, count, desc, eq, sql } from 'drizzle-orm'
import type { Batch, BatchKind } from '@shared/batches'
import type { ListQuery } from '@shared/common'
import type { Actor } from '../../http/actor'
import type { Db, Tx } from '../../db/client'
import { changeBatches, users } from '../../db/schema'
import { bare, isoOrNull } from '../../db/sql-helpers'
import type { EventBus } from '../events'
import { conflict, notFound } from '../../http/errors'

export type BatchRow = typeof changeBatches.$inferSelect

/** A running import or bulk edit: records what it has done and tells its author's panel how far it got. */
export interface BatchRun {
  id: string
  /**
   * Within the transaction of a chunk, of chunks that commit side by side and in any order: `done` and the
   * summary's numbers grow by the chunk's `counts`, so that after a crash they are exactly what was applied.
   * `resume` keeps `after` (everything up to it is done) and `ahead`, the [first, last] of chunks done beyond it:
   * client ids of a bulk edit, row numbers of an import. `doneUpTo` is the end of the chunks this process knows
   * are all done (chunkOrder), this chunk's own if it follows them.
   */
  recordChunk<K extends string | number>(
    tx: Tx,
    counts: { done: number } & Record<string, number>,
    span: ChunkSpan<K>,
  ): Promise<void>
  /** After the chunk committed: the progress event, at most every PROGRESS_EVERY_MS. */
  progress(done: number): void
  finish(status: 'done' | 'failed', summary: Record<string, unknown>): Promise<void>
}

/** A chunk's first and last key, and the end of the chunks known to be done up to it (or none yet). */
export type ChunkSpan<K extends string | number> = { first: K; last: K; doneUpTo: K | null }

/**
 * The chunks of a batch in their order, as they finish in any order: `upTo(i)` is the ChunkSpan's `doneUpTo`
 * for chunk `i`, within its transaction.
 */
export function chunkOrder<K extends string | number>() {
  const ends: K[] = []
  const finished: boolean[] = []
  let below = 0
  return {
    add(last: K) {
      finished.push(false)
      return ends.push(last) - 1
    },
    upTo(index: number): K | null {
      const end = index === below ? index : below - 1
      return end >= 0 ? ends[end]! : null
    },
    finish(index: number) {
      finished[index] = true
      while (finished[below]) below++
    },
  }
}

/** Progress is sent at most this often: a 100,000-row import has hundreds of chunks. */
const PROGRESS_EVERY_MS = 250

const runOf = ({
  db,
  bus,
  actor,
  id,
  total,
  doneAtStart = 0,
}: {
  db: Db
  bus: EventBus
  actor: Actor
  id: string
  total: number | null
  doneAtStart?: number
}): BatchRun => {
  let sentAt = 0
  let done = doneAtStart
  const send = () =>
    bus.publish(actor.companyId, { type: 'batch.progress', batchId: id, userId: actor.userId, done, total })
  const merged = (summary: Record<string, unknown>) =>
    sql`${changeBatches.summary} || ${JSON.stringify(summary)}::jsonb`
  return {
    id,
    async recordChunk(tx, { done: n, ...counts }, { first, last, doneUpTo }) {
      const summary = changeBatches.summary
      const type = sql.raw(typeof first === 'number' ? 'bigint' : 'uuid')
      const added = sql.join(
        Object.entries(counts).map(
          ([key, value]) => sql`${key}::text, coalesce((${summary} ->> ${key})::bigint, 0) + ${value}`,
        ),
        sql`, `,
      )
      const after = sql`greatest((${changeBatches.resume} ->> 'after')::${type}, ${doneUpTo}::${type})`
      await tx
        .update(changeBatches)
        .set({
          done: sql`${changeBatches.done} + ${n}`,
          summary: sql`${summary} || jsonb_build_object(${added})`,
          resume: sql`coalesce(${changeBatches.resume}, '{}') || jsonb_build_object('after', ${after}, 'ahead',
            (SELECT coalesce(jsonb_agg(r), '[]') FROM jsonb_array_elements(coalesce(${changeBatches.resume} -> 'ahead', '[]')
              || jsonb_build_array(jsonb_build_array(${first}::${type}, ${last}::${type}))) r
            WHERE ${after} IS NULL OR (r ->> 1)::${type} > ${after}))`,
        })
        .where(eq(changeBatches.id, id))
    },
    progress(n) {
      done = n
      if (Date.now() - sentAt < PROGRESS_EVERY_MS) return
      sentAt = Date.now()
      send()
    },
    async finish(status, summary) {
      await db
        .update(changeBatches)
        .set({ status, finishedAt: sql`clock_timestamp()`, summary: merged(summary) })
        .where(eq(changeBatches.id, id))
      send()
      bus.publish(actor.companyId, { type: 'clients.changed' })
    },
  }
}

export async function startBatch({
  db,
  bus,
  actor,
  owner,
  kind,
  total,
  summary,
  resume,
}: {
  db: Db
  bus: EventBus
  actor: Actor
  owner: string
  kind: BatchKind
  total: number | null
  summary: Record<string, unknown>
  resume: Record<string, unknown>
}): Promise<BatchRun> {
  const [row] = await db
    .insert(changeBatches)
    .values({ companyId: actor.companyId, kind, createdBy: actor.userId, total, summary, owner, resume })
    .returning({ id: changeBatches.id })
  return runOf({ db, bus, actor, id: row!.id, total })
}

/**
 * Takes an interrupted batch up again in this process (`owner`): it is running again, with `total` now known.
 * Another resume at the same moment, or a batch that is not interrupted, is a 409.
 */
export async function resumeBatch({
  db,
  bus,
  actor,
  owner,
  kind,
  id,
}: {
  db: Db
  bus: EventBus
  actor: Actor
  owner: string
  kind: BatchKind
  id: string
}) {
  await interruptOrphans(db, owner, actor.companyId)
  const [row] = await db
    .update(changeBatches)
    .set({ status: 'running', owner, finishedAt: null })
    .where(
      and(
        eq(changeBatches.id, id),
        eq(changeBatches.companyId, actor.companyId),
        eq(changeBatches.kind, kind),
        eq(changeBatches.status, 'interrupted'),
        sql`${changeBatches.undoneAt} IS NULL`,
      ),
    )
    .returning()
  if (!row) {
    const batch = await getBatch({ db, self: owner, companyId: actor.companyId, kind, id })
    throw conflict(
      batch.undoneAt
        ? 'Уже отменено: продолжать нечего'
        : batch.status === 'running'
          ? 'Уже идёт'
          : 'Не прерывалось: продолжать нечего',
    )
  }
  return {
    row,
    async start(total: number | null) {
      await db.update(changeBatches).set({ total }).where(eq(changeBatches.id, row.id))
      return runOf({ db, bus, actor, id: row.id, total, doneAtStart: row.done })
    },
    /** The resume could not start (its catalog changed meanwhile): the batch stays interrupted. */
    giveUp: () =>
      db
        .update(changeBatches)
        .set({ status: 'interrupted', finishedAt: sql`clock_timestamp()` })
        .where(eq(changeBatches.id, row.id)),
  }
}

/**
 * Marks `interrupted` the running batches whose process is gone: it no longer holds the advisory lock on its
 * id (db/presence), which the try-lock here then gets, for this statement's transaction only. Batches of
 * earlier releases name no owner; this process's own are running. Done at start and before batches are read.
 */
export async function interruptOrphans(db: Db, self: string, companyId?: string) {
  const { status, finishedAt, companyId: company, owner } = changeBatches
  await db.execute(sql`UPDATE ${changeBatches} SET ${bare(status)} = 'interrupted', ${bare(finishedAt)} = clock_timestamp()
    WHERE ${status} = 'running' ${companyId ? sql`AND ${company} = ${companyId}` : sql``}
      AND (${owner} IS NULL OR (${owner} <> ${self} AND pg_try_advisory_xact_lock(hashtextextended(${owner}::text, 0))))`)
}

const toBatch = (r: BatchRow, by: { id: string; name: string } | null): Batch => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  createdBy: by,
  finishedAt: isoOrNull(r.finishedAt),
  undoneAt: isoOrNull(r.undoneAt),
  total: r.total,
  done: r.done,
  summary: r.summary,
})

const fields = { batch: changeBatches, by: { id: users.id, name: users.name } }

/** One batch of the caller's company, of the kind the path names; another company's is as unknown as none. */
export async function getBatch({
  db,
  self,
  companyId,
  kind,
  id,
}: {
  db: Db
  self: string
  companyId: string
  kind: BatchKind
  id: string
}) {
  await interruptOrphans(db, self, companyId)
  const [row] = await db
    .select(fields)
    .from(changeBatches)
    .leftJoin(users, eq(users.id, changeBatches.createdBy))
    .where(and(eq(changeBatches.id, id), eq(changeBatches.companyId, companyId), eq(changeBatches.kind, kind)))
  if (!row) throw batchNotFound(kind)
  return toBatch(row.batch, row.by)
}

/** The company's imports or bulk edits, newest first: where a running one's id is found, and older ones undone. */
export async function listBatches({
  db,
  self,
  companyId,
  kind,
  q,
}: {
  db: Db
  self: string
  companyId: string
  kind: BatchKind
  q: ListQuery
}) {
  await interruptOrphans(db, self, companyId)
  const where = and(eq(changeBatches.companyId, companyId), eq(changeBatches.kind, kind))
  const [rows, [total]] = await Promise.all([
    db
      .select(fields)
      .from(changeBatches)
      .leftJoin(users, eq(users.id, changeBatches.createdBy))
      .where(where)
      .orderBy(desc(changeBatches.createdAt), desc(changeBatches.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(changeBatches).where(where),
  ])
  return { count: total!.n, items: rows.map((r) => toBatch(r.batch, r.by)) }
}

export const batchNotFound = (kind: BatchKind) =>
  notFound(kind === 'import' ? 'Импорт не найден' : 'Массовое изменение не найдено')
