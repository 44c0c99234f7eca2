import { and, eq, sql } from 'drizzle-orm'
import { BATCH_UNDO_DAYS, type BatchKind, type BatchUndoResult } from '@shared/batches'
import { CLIENT_FIELDS } from '@shared/clients'
import type { Actor } from '../../http/actor'
import type { Db, Tx } from '../../db/client'
import {
  attributeHistory,
  attributeValues,
  batchCreatedClients,
  changeBatches,
  clientAliases,
  clientFieldHistory,
  clientMerges,
  clients,
  clientTagHistory,
  clientTags,
  comments,
  sessions,
} from '../../db/schema'
import { uuidArray, valueWriteTime } from '../../db/sql-helpers'
import { conflict } from '../../http/errors'
import { rowsOf } from '../../db/raw'
import { touchClientsSql } from '../cards'
import { batchNotFound } from './batch-repo'

type Changed = { client_id: string }
type Batch = { id: string; kind: BatchKind }

/**
 * A history row that counts as someone's change: not one of a batch since undone (its changes and their
 * undoing carry the batch's id, and together they changed nothing).
 */
const counts = (row: string) => sql`(${sql.raw(row)}.batch_id IS NULL OR NOT EXISTS (SELECT 1 FROM ${changeBatches} x
  WHERE x.id = ${sql.raw(row)}.batch_id AND x.undone_at IS NOT NULL))`

type History = typeof attributeHistory | typeof clientTagHistory | typeof clientFieldHistory

/** A change of the batch nobody has changed again since (the latest row of its field), on a client not kept whole. */
const stillLatest = (history: History, key: string, b: Batch) => sql`
  h.batch_id = ${b.id} AND NOT EXISTS (SELECT 1 FROM ${history} l WHERE l.client_id = h.client_id AND ${sql.raw(key)}
    AND l.changed_at > h.changed_at AND ${counts('l')})
  AND h.client_id NOT IN (SELECT client_id FROM ${batchCreatedClients} WHERE batch_id = ${b.id})`

const usedSince = (history: History, b: Batch) =>
  sql`EXISTS (SELECT 1 FROM ${history} h WHERE h.client_id = c.id AND h.batch_id IS DISTINCT FROM ${b.id} AND ${counts('h')})`

/**
 * The clients an import created, unless someone has since used them: a dialogue, a change of their own,
 * a merge into them. Their history goes with them.
 */
const deleteCreated = (tx: Tx, b: Batch) =>
  rowsOf<{ id: string }>(
    tx,
    sql`DELETE FROM ${clients} c USING ${batchCreatedClients} bc
  WHERE bc.batch_id = ${b.id} AND c.id = bc.client_id
    AND NOT EXISTS (SELECT 1 FROM ${sessions} s WHERE s.client_id = c.id)
    AND NOT ${usedSince(attributeHistory, b)} AND NOT ${usedSince(clientTagHistory, b)} AND NOT ${usedSince(clientFieldHistory, b)}
    AND NOT EXISTS (SELECT 1 FROM ${clientAliases} a WHERE a.client_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM ${comments} n WHERE n.client_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM ${clientMerges} m WHERE m.target_id = c.id)
  RETURNING c.id`,
  )

function revertValues(tx: Tx, actor: Actor, b: Batch) {
  return rowsOf<Changed>(
    tx,
    sql`WITH mine AS (SELECT client_id, attribute_id, old_value, new_value FROM ${attributeHistory} h
      WHERE ${stillLatest(attributeHistory, 'l.attribute_id = h.attribute_id', b)}),
    rev AS (UPDATE ${attributeValues} v SET value = m.old_value, version = v.version + 1, updated_at = ${valueWriteTime(sql`v.updated_at`)},
      updated_by = ${actor.userId}
      FROM mine m WHERE v.client_id = m.client_id AND v.attribute_id = m.attribute_id AND v.value IS NOT DISTINCT FROM m.new_value
      RETURNING v.client_id, v.attribute_id, m.old_value, m.new_value, v.updated_at)
    INSERT INTO ${attributeHistory} (company_id, client_id, attribute_id, old_value, new_value, changed_at, changed_by, source, batch_id)
      SELECT ${actor.companyId}, client_id, attribute_id, new_value, old_value, updated_at, ${actor.userId}, ${b.kind}, ${b.id} FROM rev
    RETURNING client_id`,
  )
}

function revertTags(tx: Tx, actor: Actor, b: Batch) {
  const row = (
    action: 'added' | 'removed',
  ) => sql`SELECT ${actor.companyId}::uuid, client_id, tag_id, ${action}::tag_action,
    clock_timestamp(), ${actor.userId}::uuid, ${b.kind}::change_source, ${b.id}::uuid`
  return rowsOf<Changed>(
    tx,
    sql`WITH mine AS (SELECT client_id, tag_id, action FROM ${clientTagHistory} h
      WHERE ${stillLatest(clientTagHistory, 'l.tag_id = h.tag_id', b)}),
    del AS (DELETE FROM ${clientTags} t USING mine m WHERE m.action = 'added' AND t.client_id = m.client_id AND t.tag_id = m.tag_id
      RETURNING t.client_id, t.tag_id),
    ins AS (INSERT INTO ${clientTags} (client_id, tag_id, added_by) SELECT client_id, tag_id, ${actor.userId} FROM mine
      WHERE action = 'removed' ON CONFLICT DO NOTHING RETURNING client_id, tag_id)
    INSERT INTO ${clientTagHistory} (company_id, client_id, tag_id, action, changed_at, changed_by, source, batch_id)
      ${row('removed')} FROM del UNION ALL ${row('added')} FROM ins
    RETURNING client_id`,
  )
}

async function revertFields(tx: Tx, actor: Actor, b: Batch) {
  const changed: Changed[] = []
  for (const field of CLIENT_FIELDS) {
    const column = sql.identifier(field)
    changed.push(
      ...(await rowsOf<Changed>(
        tx,
        sql`WITH mine AS (SELECT client_id, old_value, new_value FROM ${clientFieldHistory} h
        WHERE h.field = ${field} AND ${stillLatest(clientFieldHistory, 'l.field = h.field', b)}),
      rev AS (UPDATE ${clients} c SET ${column} = m.old_value, version = c.version + 1 FROM mine m
        WHERE c.id = m.client_id AND c.${column} IS NOT DISTINCT FROM m.new_value RETURNING c.id, m.old_value, m.new_value)
      INSERT INTO ${clientFieldHistory} (company_id, client_id, field, old_value, new_value, changed_at, changed_by, source, batch_id)
        SELECT ${actor.companyId}, id, ${field}, new_value, old_value, clock_timestamp(), ${actor.userId}, ${b.kind}, ${b.id} FROM rev
      RETURNING client_id`,
      )),
    )
  }
  return changed
}

const countOf = async (tx: Tx, b: Batch) =>
  (
    await rowsOf<{ n: number }>(
      tx,
      sql`SELECT
  (SELECT count(*) FROM ${attributeHistory} WHERE batch_id = ${b.id}) + (SELECT count(*) FROM ${clientTagHistory} WHERE batch_id = ${b.id})
  + (SELECT count(*) FROM ${clientFieldHistory} WHERE batch_id = ${b.id}) AS n`,
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
      sql`SELECT count(*)::int AS created FROM ${batchCreatedClients} WHERE batch_id = ${b.id}`,
    )) as [{ created: number }]
    const deleted = await deleteCreated(tx, b)
    const total = Number(await countOf(tx, b))
    const reverted = [
      ...(await revertValues(tx, actor, b)),
      ...(await revertTags(tx, actor, b)),
      ...(await revertFields(tx, actor, b)),
    ]
    const touched = [...new Set(reverted.map((r) => r.client_id))]
    if (touched.length) {
      await tx.execute(touchClientsSql(sql`id = ANY(${uuidArray(touched)})`))
    }
    await tx
      .update(changeBatches)
      .set({ undoneAt: sql`clock_timestamp()` })
      .where(eq(changeBatches.id, b.id))
    return {
      reverted: reverted.length,
      kept: total - reverted.length,
      deleted: deleted.length,
      keptClients: created - deleted.length,
    }
  })
}
