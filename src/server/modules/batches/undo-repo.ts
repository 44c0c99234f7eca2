import { and, eq, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { BATCH_UNDO_DAYS, type BatchKind, type BatchUndoResult } from '@shared/batches'
import type { ClientField } from '@shared/clients'
import type { Actor } from '../../http/actor'
import type { Db, Tx } from '../../db/client'
import {
  attributeHistory,
  batchCreatedClients,
  changeBatches,
  clientAliases,
  clientFieldHistory,
  clientMerges,
  clients,
  clientTagHistory,
  comments,
  sessions,
} from '../../db/schema'
import { conflict } from '../../http/errors'
import { forgetKeys } from './import-keys'
import { rowsOf } from '../../db/raw'
import { openCard, writeCardChanges } from '../cards'
import { batchNotFound } from './batch-repo'
import { clientQueue, outboxSql } from '../webhooks'

type Batch = { id: string; kind: BatchKind }

type History = typeof attributeHistory | typeof clientTagHistory | typeof clientFieldHistory

/**
 * A history row (`row`, aliased) that counts as someone's change: not one of a batch since undone (its
 * changes and their undoing carry the batch's id, and together they changed nothing).
 */
const counts = (row: ReturnType<typeof alias<History, string>>) => {
  const x = alias(changeBatches, 'x')
  return sql`(${row.batchId} IS NULL OR NOT EXISTS (SELECT 1 FROM ${changeBatches} x
    WHERE ${x.id} = ${row.batchId} AND ${x.undoneAt} IS NOT NULL))`
}

/**
 * A change of the batch (history `h`) nobody has changed again since (no later counting row `l` of the same
 * field, as `same` says), on a client the undo does not delete whole.
 */
function stillLatest<T extends History>(history: T, same: (l: T, h: T) => SQL, b: Batch) {
  const [h, l] = [alias(history, 'h'), alias(history, 'l')] as unknown as [T, T]
  const created = batchCreatedClients
  return sql`${h.batchId} = ${b.id} AND NOT EXISTS (SELECT 1 FROM ${history} l WHERE ${l.clientId} = ${h.clientId} AND ${same(l, h)}
    AND ${l.changedAt} > ${h.changedAt} AND ${counts(l)})
  AND ${h.clientId} NOT IN (SELECT ${created.clientId} FROM ${created} WHERE ${created.batchId} = ${b.id})`
}

const usedSince = (history: History, b: Batch) => {
  const [h, c] = [alias(history, 'h'), alias(clients, 'c')]
  return sql`EXISTS (SELECT 1 FROM ${history} h WHERE ${h.clientId} = ${c.id} AND ${h.batchId} IS DISTINCT FROM ${b.id} AND ${counts(h)})`
}

/**
 * The clients an import created, unless someone has since used them: a dialogue, a change of their own,
 * a merge into them. Their history goes with them.
 */
const deleteCreated = (tx: Tx, b: Batch & { companyId: string }) => {
  const [c, bc, s, a, n, m] = [
    alias(clients, 'c'),
    alias(batchCreatedClients, 'bc'),
    alias(sessions, 's'),
    alias(clientAliases, 'a'),
    alias(comments, 'n'),
    alias(clientMerges, 'm'),
  ]
  return rowsOf<{ id: string }>(
    tx,
    sql`WITH gone AS (DELETE FROM ${clients} c USING ${batchCreatedClients} bc
  WHERE ${bc.batchId} = ${b.id} AND ${c.id} = ${bc.clientId}
    AND NOT EXISTS (SELECT 1 FROM ${sessions} s WHERE ${s.clientId} = ${c.id})
    AND NOT ${usedSince(attributeHistory, b)} AND NOT ${usedSince(clientTagHistory, b)} AND NOT ${usedSince(clientFieldHistory, b)}
    AND NOT EXISTS (SELECT 1 FROM ${clientAliases} a WHERE ${a.clientId} = ${c.id})
    AND NOT EXISTS (SELECT 1 FROM ${comments} n WHERE ${n.clientId} = ${c.id})
    AND NOT EXISTS (SELECT 1 FROM ${clientMerges} m WHERE ${m.targetId} = ${c.id})
  RETURNING ${c.id} AS id),
  o AS (${outboxSql(
    b.companyId,
    'client.deleted',
    sql`SELECT ${clientQueue(sql`id::text`)} AS queue, jsonb_build_object('clientId', id, 'batchId', ${b.id}::uuid) AS data FROM gone`,
  )})
  SELECT id FROM gone`,
  )
}

/** The batch's changes nobody has changed since, per kind: what its undo puts back. */
export const revertibleSql = (b: Batch) => {
  const [av, ct, cf] = [alias(attributeHistory, 'h'), alias(clientTagHistory, 'h'), alias(clientFieldHistory, 'h')]
  return {
    values: sql`SELECT ${av.clientId} AS client_id, ${av.attributeId} AS attribute_id, ${av.oldValue} AS old_value,
      ${av.newValue} AS new_value FROM ${attributeHistory} h
      WHERE ${stillLatest(attributeHistory, (l, h) => sql`${l.attributeId} = ${h.attributeId}`, b)}`,
    tags: sql`SELECT ${ct.clientId} AS client_id, ${ct.tagId} AS tag_id, ${ct.action} AS action FROM ${clientTagHistory} h
      WHERE ${stillLatest(clientTagHistory, (l, h) => sql`${l.tagId} = ${h.tagId}`, b)}`,
    fields: sql`SELECT ${cf.clientId} AS client_id, ${cf.field} AS field, ${cf.oldValue} AS old_value, ${cf.newValue} AS new_value
      FROM ${clientFieldHistory} h WHERE ${stillLatest(clientFieldHistory, (l, h) => sql`${l.field} = ${h.field}`, b)}`,
  }
}

/** Of those changes, the ones on cards blocked or destroyed since (modules/privacy): they cannot be put back. */
async function onClosedCards(tx: Tx, b: Batch) {
  const statements = revertibleSql(b)
  const c = alias(clients, 'c')
  const [row] = await rowsOf<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM (SELECT client_id FROM (${statements.values}) v UNION ALL SELECT client_id FROM (${statements.tags}) t
      UNION ALL SELECT client_id FROM (${statements.fields}) f) x JOIN ${clients} c ON ${c.id} = x.client_id WHERE NOT (${openCard(c)})`,
  )
  return row!.n
}

/** Each of those changes, to be put back if it still holds what the batch wrote. */
async function revertible(tx: Tx, b: Batch) {
  type Row = { client_id: string; old_value: string | null; new_value: string | null }
  const statements = revertibleSql(b)
  const values = await rowsOf<Row & { attribute_id: string }>(tx, statements.values)
  const tags = await rowsOf<{ client_id: string; tag_id: string; action: 'added' | 'removed' }>(tx, statements.tags)
  const fields = await rowsOf<Row & { field: ClientField }>(tx, statements.fields)
  return {
    values: values.map((r) => ({
      clientId: r.client_id,
      attributeId: r.attribute_id,
      value: r.old_value,
      onlyIf: { value: r.new_value },
    })),
    tags: tags.map((r) => ({
      clientId: r.client_id,
      tagId: r.tag_id,
      action: r.action === 'added' ? ('removed' as const) : ('added' as const),
    })),
    fields: fields.map((r) => ({
      clientId: r.client_id,
      field: r.field,
      value: r.old_value,
      onlyIf: { value: r.new_value },
    })),
  }
}

const countOf = async (tx: Tx, b: Batch) =>
  (
    await rowsOf<{ n: number }>(
      tx,
      sql`SELECT
  (SELECT count(*) FROM ${attributeHistory} WHERE ${attributeHistory.batchId} = ${b.id})
  + (SELECT count(*) FROM ${clientTagHistory} WHERE ${clientTagHistory.batchId} = ${b.id})
  + (SELECT count(*) FROM ${clientFieldHistory} WHERE ${clientFieldHistory.batchId} = ${b.id}) AS n`,
    )
  )[0]!.n

/**
 * Undoes an import or a bulk edit of the last BATCH_UNDO_DAYS days, in one transaction: each change it made
 * goes back to what was there before (a history row with the batch's source and id), except where the field
 * or tag has changed since (other than by a batch since undone), which is left as it is now and counted as kept. Clients the import created are deleted
 * unless they have been used since (a dialogue, a note, a change: then they are kept whole, and counted in
 * `keptClients`). An interrupted batch is undone as far as it got.
 */
export async function undoBatch(db: Db, actor: Actor, kind: BatchKind, batchId: string): Promise<BatchUndoResult> {
  return db.transaction(async (tx) => {
    const [b] = await tx
      .select()
      .from(changeBatches)
      .where(
        and(eq(changeBatches.id, batchId), eq(changeBatches.companyId, actor.companyId), eq(changeBatches.kind, kind)),
      )
      .for('update')
    if (!b) throw batchNotFound(kind)
    const what = kind === 'import' ? 'Импорт' : 'Массовое изменение'
    if (b.undoneAt) throw conflict(`${what} уже отменён${kind === 'import' ? '' : 'о'}`)
    if (b.status === 'running')
      throw conflict(`${what} ещё идёт: отменить можно, когда он${kind === 'import' ? '' : 'о'} закончится`)
    if (Date.now() - b.createdAt.getTime() > BATCH_UNDO_DAYS * 86_400_000)
      throw conflict(`Старше ${BATCH_UNDO_DAYS} дней: отменить нельзя`)
    const [{ created }] = (await rowsOf<{ created: number }>(
      tx,
      sql`SELECT count(*)::int AS created FROM ${batchCreatedClients} WHERE ${batchCreatedClients.batchId} = ${b.id}`,
    )) as [{ created: number }]
    const deleted = await deleteCreated(tx, b)
    const total = Number(await countOf(tx, b))
    const written = await writeCardChanges({
      tx,
      companyId: actor.companyId,
      userId: actor.userId,
      source: b.kind,
      batchId: b.id,
      ...(await revertible(tx, b)),
    })
    const reverted =
      written.values.filter((v) => v.outcome === 'write').length + written.tags.length + written.fields.length
    const closed = await onClosedCards(tx, b)
    await tx
      .update(changeBatches)
      .set({ undoneAt: sql`clock_timestamp()` })
      .where(eq(changeBatches.id, b.id))
    // An interrupted import undone is never resumed: what its rows named goes.
    if (kind === 'import') await forgetKeys(tx, b.id)
    return {
      reverted,
      kept: total - reverted - closed,
      closed,
      deleted: deleted.length,
      keptClients: created - deleted.length,
    }
  })
}
