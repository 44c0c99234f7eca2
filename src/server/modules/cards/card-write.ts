import { sql, type SQL } from 'drizzle-orm'
import type { ChangeSource } from '@shared/attributes'
import { CLIENT_FIELDS, type ClientField } from '@shared/clients'
import type { Role } from '@shared/common'
import type { ChatEvent } from '@shared/events'
import type { Db, Tx } from '../../db/client'
import { preparedRows, rowsOf } from '../../db/raw'
import {
  attributeHistory,
  attributes,
  attributeValues,
  clientFieldHistory,
  clients,
  clientTagHistory,
  clientTags,
} from '../../db/schema'
import { valueWriteTime } from '../../db/sql-helpers'

// The one write path for card changes: parameter values, client tags and the client's own fields. Every
// writer (the card, merge, import, bulk edit, undo, option renames, suggestions) calls writeCardChanges,
// so each change bumps its version, gets one history row stamped with its write time, moves the client's
// updated_at (never backwards) and comes back as an event to publish. The counters and review marks that
// follow history rows are kept by the database (db/triggers.ts).

export interface ValueChange {
  clientId: string
  attributeId: string
  /** The new value as stored (checked already); null clears it. */
  value: string | null
  /** Written only if the value's version is still this (the card's optimistic check); else `conflict`. */
  expectedVersion?: number
  /** Written only if the value is still this (undo, option renames); else `skipped`. */
  onlyIf?: { value: string | null }
}

export interface TagChange {
  clientId: string
  tagId: string
  action: 'added' | 'removed'
}

export interface FieldChange {
  clientId: string
  field: ClientField
  value: string | null
  /** Written only if the field is still this (undo); else left alone. */
  onlyIf?: { value: string | null }
}

/**
 * Where the changes are written: in a transaction (`tx`) when they must land together with each other or with
 * the caller's own writes; else on the pool (`db`), each statement alone and prepared (the card's value write).
 */
type WriteTarget = { tx: Tx; db?: never } | { db: Db; tx?: never }

export type CardWrite = WriteTarget & CardChanges

export interface CardChanges {
  companyId: string
  userId: string
  source: ChangeSource
  /** The import or bulk edit the changes belong to, so that its undo finds them. */
  batchId?: string | null
  values?: ValueChange[]
  tags?: TagChange[]
  fields?: FieldChange[]
  /**
   * The parameters as the values were checked against them (`attributeCheckSql`): a parameter changed
   * since (an option renamed, access narrowed, archived) makes its values `stale`, to be checked again.
   */
  checkedAttributes?: { attributeId: string; checked: string }[]
}

/**
 * `write`: written; `same`: the value was already there (no history, no event); `conflict`: another
 * version than expected; `skipped`: not the value `onlyIf` names; `stale`: the parameter changed since it
 * was checked, or the client is gone (merged away).
 */
export type ValueOutcome = 'write' | 'same' | 'conflict' | 'skipped' | 'stale'

export interface WrittenValue {
  clientId: string
  attributeId: string
  outcome: ValueOutcome
  oldValue: string | null
  newValue: string | null
  /** The value's version after the write (or as it is, for the other outcomes); 0 if it never had one. */
  version: number
  updatedAt: Date | null
  /** The roles that see the parameter (none for `stale`: it is not there as checked). */
  visibleTo: Role[]
}

export interface CardWriteResult {
  values: WrittenValue[]
  tags: TagChange[]
  fields: { clientId: string; field: ClientField; oldValue: string | null; newValue: string | null }[]
  /** Every client something was written on. */
  clientIds: string[]
  /** What to publish once the transaction has committed, each to the roles that may learn of it. */
  events: CardEvent[]
}

/** What a value is checked against and who may write it: if this changes, the write is checked again. */
export const attributeCheckSql = (alias: SQL) =>
  sql`md5(row(${alias}.type, ${alias}.options, ${alias}.editable_by, ${alias}.visible_to, ${alias}.archived_at)::text)`

/**
 * Marks cards changed: an attribute value or a client tag counts as a change of the client, so "sort by
 * updatedAt" and `updatedSince` find it. Never moves backwards under concurrent writers.
 */
const touchClientsSql = (where: SQL) =>
  sql`UPDATE ${clients} SET updated_at = greatest(updated_at, clock_timestamp()) WHERE ${where}`

/** How often a value write starts over when another first write of the same value slips in between. */
const MAX_ATTEMPTS = 3

const param = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`

/** A set of rows as `unnest(…) AS alias(columns)`: one array parameter per column, however many rows. */
function rowsSql<T>(rows: T[], alias: string, columns: Record<string, [type: string, get: (row: T) => unknown]>) {
  const arrays = Object.values(columns).map(([type, get]) => param(rows.map(get), type))
  return sql`unnest(${sql.join(arrays, sql`, `)}) AS ${sql.raw(alias)}(${sql.raw(Object.keys(columns).join(', '))})`
}

/**
 * One statement for a set of value changes, so its locks last no longer than it does: the parameters locked
 * FOR SHARE as they were checked (an option rename waits, or the write sees it and reports `stale`), the
 * clients FOR KEY SHARE (a merge deleting one waits, or the write reports `stale`), the current values FOR
 * UPDATE (concurrent writers take turns, each deciding on what the previous one left). Then for each
 * change decided `write`: the value (a cleared one keeps its row with NULL, so its version keeps
 * counting), its history row at the value's write time, and the clients' updated_at.
 */
const valuesSql = (w: CardChanges, changes: ValueChange[]) => {
  const checks = w.checkedAttributes ?? []
  return sql`
  WITH ch AS MATERIALIZED (SELECT * FROM ${rowsSql(changes, 'ch', {
    client_id: ['uuid', (c) => c.clientId],
    attribute_id: ['uuid', (c) => c.attributeId],
    value: ['text', (c) => c.value],
    expected: ['int', (c) => c.expectedVersion ?? null],
    guarded: ['bool', (c) => c.onlyIf !== undefined],
    only_if: ['text', (c) => c.onlyIf?.value ?? null],
  })}),
  k AS (SELECT * FROM ${rowsSql(checks, 'k', { id: ['uuid', (c) => c.attributeId], checked: ['text', (c) => c.checked] })}),
  a AS MATERIALIZED (SELECT a.id, a.visible_to::text[] AS visible_to FROM ${attributes} a LEFT JOIN k ON k.id = a.id
    WHERE a.id IN (SELECT attribute_id FROM ch) AND a.company_id = ${w.companyId}
      AND (k.checked IS NULL OR ${attributeCheckSql(sql`a`)} = k.checked) ORDER BY a.id FOR SHARE OF a),
  c AS MATERIALIZED (SELECT id FROM ${clients} WHERE id IN (SELECT client_id FROM ch) AND company_id = ${w.companyId}
    ORDER BY id FOR KEY SHARE),
  cur AS MATERIALIZED (SELECT v.client_id, v.attribute_id, v.value, v.version FROM ${attributeValues} v
    WHERE (v.client_id, v.attribute_id) IN (SELECT client_id, attribute_id FROM ch)
      AND v.attribute_id IN (SELECT id FROM a) AND v.client_id IN (SELECT id FROM c)
    ORDER BY v.client_id, v.attribute_id FOR UPDATE OF v),
  d AS MATERIALIZED (SELECT ch.client_id, ch.attribute_id, ch.value, cur.value AS old_value, coalesce(cur.version, 0) AS old_version,
      cur.client_id IS NOT NULL AS existed,
      CASE WHEN ch.attribute_id NOT IN (SELECT id FROM a) OR ch.client_id NOT IN (SELECT id FROM c) THEN 'stale'
        WHEN cur.value IS NOT DISTINCT FROM ch.value THEN 'same'
        WHEN ch.guarded AND cur.value IS DISTINCT FROM ch.only_if THEN 'skipped'
        WHEN ch.expected <> coalesce(cur.version, 0) THEN 'conflict' ELSE 'write' END AS outcome
    FROM ch LEFT JOIN cur USING (client_id, attribute_id)),
  upd AS (UPDATE ${attributeValues} v SET value = d.value, version = v.version + 1,
      updated_at = ${valueWriteTime(sql`v.updated_at`)}, updated_by = ${w.userId}
    FROM d WHERE d.outcome = 'write' AND d.existed AND v.client_id = d.client_id AND v.attribute_id = d.attribute_id
    RETURNING v.client_id, v.attribute_id, v.version, v.updated_at),
  ins AS (INSERT INTO ${attributeValues} (client_id, attribute_id, company_id, value, version, updated_at, updated_by)
    SELECT client_id, attribute_id, ${w.companyId}, value, 1, clock_timestamp(), ${w.userId}::uuid
    FROM d WHERE outcome = 'write' AND NOT existed
    ON CONFLICT DO NOTHING RETURNING client_id, attribute_id, version, updated_at),
  wr AS (SELECT * FROM upd UNION ALL SELECT * FROM ins),
  h AS (INSERT INTO ${attributeHistory} (company_id, client_id, attribute_id, old_value, new_value, changed_at, changed_by, source, batch_id)
    SELECT ${w.companyId}, d.client_id, d.attribute_id, d.old_value, d.value, wr.updated_at, ${w.userId}::uuid,
      ${w.source}::change_source, ${w.batchId ?? null}::uuid
    FROM d JOIN wr USING (client_id, attribute_id)),
  t AS (${touchClientsSql(sql`id IN (SELECT client_id FROM wr)`)})
  SELECT d.client_id, d.attribute_id, d.outcome, d.old_value, d.value AS new_value,
    coalesce(wr.version, d.old_version) AS version, wr.updated_at, d.outcome = 'write' AND wr.client_id IS NULL AS lost,
    (SELECT visible_to FROM a WHERE a.id = d.attribute_id) AS visible_to
  FROM d LEFT JOIN wr USING (client_id, attribute_id)`
}

type ValueRow = {
  client_id: string
  attribute_id: string
  outcome: ValueOutcome
  old_value: string | null
  new_value: string | null
  version: number
  updated_at: Date | null
  lost: boolean
  visible_to: Role[] | null
}

const run = <T>(w: CardWrite, query: SQL) => (w.tx ? rowsOf<T>(w.tx, query) : preparedRows<T>(w.db, query))

/** The last change of each value wins: one statement cannot write a row twice. */
const lastOfEach = <T>(changes: T[], key: (c: T) => string) => [...new Map(changes.map((c) => [key(c), c])).values()]

async function writeValues(w: CardWrite): Promise<WrittenValue[]> {
  let pending = lastOfEach(w.values ?? [], (c) => `${c.clientId}:${c.attributeId}`)
  const done: WrittenValue[] = []
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) {
      throw new Error(
        `A value write gave up after ${MAX_ATTEMPTS} attempts: another first write of the same value won each time`,
      )
    }
    const rows = await run<ValueRow>(w, valuesSql(w, pending))
    // Another first write of the value came in between: decide again on what is there now.
    const lost = new Set(rows.filter((r) => r.lost).map((r) => `${r.client_id}:${r.attribute_id}`))
    for (const r of rows) {
      if (r.lost) continue
      done.push({
        clientId: r.client_id,
        attributeId: r.attribute_id,
        outcome: r.outcome,
        oldValue: r.old_value,
        newValue: r.new_value,
        version: r.version,
        updatedAt: r.updated_at,
        visibleTo: r.visible_to ?? [],
      })
    }
    pending = pending.filter((c) => lost.has(`${c.clientId}:${c.attributeId}`))
  }
  return done
}

const tagColumns = {
  client_id: ['uuid', (c: TagChange) => c.clientId],
  tag_id: ['uuid', (c: TagChange) => c.tagId],
} satisfies Record<string, [string, (c: TagChange) => unknown]>

/** Tags put on or taken off, each that changed anything with its history row. */
async function writeTags(w: CardWrite): Promise<TagChange[]> {
  const changes = lastOfEach(w.tags ?? [], (c) => `${c.clientId}:${c.tagId}`)
  if (changes.length === 0) return []
  const of = (action: TagChange['action']) => changes.filter((c) => c.action === action)
  const [added, removed] = [of('added'), of('removed')]
  const rows = await run<{ client_id: string; tag_id: string; action: TagChange['action'] }>(
    w,
    sql`WITH
    plus AS (INSERT INTO ${clientTags} (client_id, tag_id, added_by)
      SELECT client_id, tag_id, ${w.userId}::uuid FROM ${rowsSql(added, 'x', tagColumns)} ORDER BY client_id, tag_id
      ON CONFLICT DO NOTHING RETURNING client_id, tag_id, 'added'::tag_action AS action),
    minus AS (DELETE FROM ${clientTags} t USING ${rowsSql(removed, 'x', tagColumns)}
      WHERE t.client_id = x.client_id AND t.tag_id = x.tag_id RETURNING t.client_id, t.tag_id, 'removed'::tag_action AS action),
    done AS (SELECT * FROM minus UNION ALL SELECT * FROM plus),
    h AS (INSERT INTO ${clientTagHistory} (company_id, client_id, tag_id, action, changed_at, changed_by, source, batch_id)
      SELECT ${w.companyId}, client_id, tag_id, action, clock_timestamp(), ${w.userId}::uuid, ${w.source}::change_source,
        ${w.batchId ?? null}::uuid FROM done),
    t AS (${touchClientsSql(sql`id IN (SELECT client_id FROM done)`)})
    SELECT client_id, tag_id, action FROM done`,
  )
  return rows.map((r) => ({ clientId: r.client_id, tagId: r.tag_id, action: r.action }))
}

/** A field's column in a statement about clients `c`. */
const fieldColumn = (field: ClientField) => sql`c.${sql.identifier(field)}`

/**
 * The client's own fields (name, phone, e-mail): each client whose fields change gets them in one update,
 * one version more, and a history row per field.
 */
async function writeFields(w: CardWrite): Promise<CardWriteResult['fields']> {
  const changes = lastOfEach(w.fields ?? [], (c) => `${c.clientId}:${c.field}`)
  if (changes.length === 0) return []
  const fields = CLIENT_FIELDS
  const rows = await run<{ client_id: string; field: ClientField; old_value: string | null; new_value: string | null }>(
    w,
    sql`WITH ch AS (SELECT * FROM ${rowsSql(changes, 'ch', {
      client_id: ['uuid', (c) => c.clientId],
      field: ['text', (c) => c.field],
      value: ['text', (c) => c.value],
      guarded: ['bool', (c) => c.onlyIf !== undefined],
      only_if: ['text', (c) => c.onlyIf?.value ?? null],
    })}),
    cur AS MATERIALIZED (SELECT c.* FROM ${clients} c WHERE c.id IN (SELECT client_id FROM ch) AND c.company_id = ${w.companyId}
      ORDER BY c.id FOR UPDATE OF c),
    d AS MATERIALIZED (SELECT ch.client_id, ch.field, ch.value,
        CASE ch.field ${sql.join(
          fields.map((f) => sql`WHEN ${f} THEN ${fieldColumn(f)}`),
          sql` `,
        )} END AS old_value, ch.guarded, ch.only_if
      FROM ch JOIN cur c ON c.id = ch.client_id),
    x AS (SELECT * FROM d WHERE old_value IS DISTINCT FROM value AND (NOT guarded OR old_value IS NOT DISTINCT FROM only_if)),
    up AS (UPDATE ${clients} c SET ${sql.join(
      fields.map(
        (f) =>
          sql`${sql.identifier(f)} = CASE WHEN EXISTS (SELECT FROM x WHERE x.client_id = c.id AND x.field = ${f})
            THEN (SELECT x.value FROM x WHERE x.client_id = c.id AND x.field = ${f}) ELSE ${fieldColumn(f)} END`,
      ),
      sql`, `,
    )}, version = c.version + 1, updated_at = greatest(c.updated_at, clock_timestamp())
      WHERE c.id IN (SELECT client_id FROM x) RETURNING c.id),
    h AS (INSERT INTO ${clientFieldHistory} (company_id, client_id, field, old_value, new_value, changed_at, changed_by, source, batch_id)
      SELECT ${w.companyId}, x.client_id, x.field::client_field, x.old_value, x.value, clock_timestamp(), ${w.userId}::uuid,
        ${w.source}::change_source, ${w.batchId ?? null}::uuid FROM x JOIN up ON up.id = x.client_id)
    SELECT x.client_id, x.field, x.old_value, x.value AS new_value FROM x`,
  )
  return rows.map((r) => ({ clientId: r.client_id, field: r.field, oldValue: r.old_value, newValue: r.new_value }))
}

/** An event for the bus, and the roles it may reach (absent: every role). */
export interface CardEvent {
  event: ChatEvent
  seenBy?: Role[]
}

/** One event per changed value (only the roles that see the parameter learn of it), per client's tags and fields. */
function eventsOf(values: WrittenValue[], tags: TagChange[], fields: CardWriteResult['fields']): CardEvent[] {
  return [
    ...values
      .filter((v) => v.outcome === 'write')
      .map((v) => ({
        event: { type: 'client.attributes.changed' as const, clientId: v.clientId, attributeId: v.attributeId },
        seenBy: v.visibleTo,
      })),
    ...[...new Set(tags.map((t) => t.clientId))].map((clientId) => ({
      event: { type: 'client.tags.changed' as const, clientId },
    })),
    ...[...new Set(fields.map((f) => f.clientId))].map((clientId) => ({
      event: { type: 'client.updated' as const, clientId },
    })),
  ]
}

/**
 * Writes a set of card changes (values, then tags, then fields) and returns what each came to and the
 * events to publish. Changes that leave a card as it was write nothing. Pass a transaction as `db` when
 * the changes must land together; a single value write needs none (its statement is atomic).
 */
export async function writeCardChanges(w: CardWrite): Promise<CardWriteResult> {
  const values = await writeValues(w)
  const tags = await writeTags(w)
  const fields = await writeFields(w)
  const clientIds = [
    ...new Set([
      ...values.filter((v) => v.outcome === 'write').map((v) => v.clientId),
      ...tags.map((t) => t.clientId),
      ...fields.map((f) => f.clientId),
    ]),
  ]
  return { values, tags, fields, clientIds, events: eventsOf(values, tags, fields) }
}
