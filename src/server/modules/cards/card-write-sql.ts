import { fillPlaceholders, sql, type Query, type SQL } from 'drizzle-orm'
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { CLIENT_FIELDS, type ClientField } from '@shared/clients'
import {
  attributeHistory,
  attributes,
  attributeValues,
  clientFieldHistory,
  clients,
  clientTagHistory,
  clientTags,
  tags,
  users,
} from '../../db/schema'
import { rendered } from '../../db/raw'
import { arrayParam, bare, columnList, isoSql, valueWriteTime } from '../../db/sql-helpers'
import { clientQueue, outboxSql } from '../webhooks'
import type { CardChanges, FieldChange, TagChange, ValueChange } from './card-write'

// The statements of the card write path (card-write.ts), one per kind of change, each for a whole set of
// changes: rendered to db/queries/card-write-*.sql by test/server/queries.test.ts.

/** What a value is checked against and who may write it: if this changes, the write is checked again. */
export const attributeCheckSql = (table: SQL) => {
  const at = (column: AnyPgColumn) => sql`${table}.${bare(column)}`
  const { type, options, editableBy, visibleTo, archivedAt } = attributes
  return sql`md5(row(${at(type)}, ${at(options)}, ${at(editableBy)}, ${at(visibleTo)}, ${at(archivedAt)})::text)`
}

/**
 * Marks cards changed: an attribute value or a client tag counts as a change of the client, so "sort by
 * updatedAt" and `updatedSince` find it. Never moves backwards under concurrent writers.
 */
/**
 * A card open to changes: not blocked while a person's request is checked, not destroyed (modules/privacy).
 * Every writer goes through here, so a change to a closed card is dropped whoever makes it.
 */
export const openCard = (c: { blockedAt: AnyPgColumn; erasedAt: AnyPgColumn }) =>
  sql`${c.blockedAt} IS NULL AND ${c.erasedAt} IS NULL`

/**
 * The changed cards' time. A card this transaction has already written (created it, as an import does, or touched it
 * for an earlier step) keeps the time it has: its row is this transaction's own version (`xmin`), and writing it
 * again would add a version of the card to every one of its indexes, the search's included, for nothing.
 */
const touchClientsSql = (where: SQL) =>
  sql`UPDATE ${clients} SET ${bare(clients.updatedAt)} = greatest(${clients.updatedAt}, clock_timestamp())
    WHERE ${where} AND ${clients}.xmin <> pg_current_xact_id()::xid`

type Columns<T> = Record<string, [type: string, get: (row: T) => unknown]>

/** Stands for the one row of a statement rendered once and filled per call (`oneValueWriteQuery`). */
const ONE_ROW = Symbol('one row')

/**
 * A set of rows as `unnest(…) AS alias(columns)`: one array parameter per column, however many rows. A single
 * row is a VALUES row instead: the planner then knows it is one, and plans the card's write as cheaply as
 * a statement written for one value. `ONE_ROW` makes that row of placeholders named `alias.column`.
 */
function rowsSql<T>(rows: T[] | typeof ONE_ROW, alias: string, columns: Columns<T>) {
  const names = sql.raw(Object.keys(columns).join(', '))
  const one = rows === ONE_ROW ? undefined : rows.length === 1 ? rows[0] : undefined
  if (rows === ONE_ROW || one !== undefined) {
    const values = Object.entries(columns).map(
      ([key, [type, get]]) =>
        sql`${one === undefined ? sql.placeholder(`${alias}.${key}`) : get(one)}::${sql.raw(type)}`,
    )
    return sql`(VALUES (${sql.join(values, sql`, `)})) AS ${sql.raw(alias)}(${names})`
  }
  const arrays = Object.entries(columns).map(([, [type, get]]) => arrayParam(rows.map(get), type))
  return sql`unnest(${sql.join(arrays, sql`, `)}) AS ${sql.raw(alias)}(${names})`
}

/** The placeholders of `rowsSql(ONE_ROW, alias, columns)` filled with one row's values. */
const filledRow = <T>(alias: string, columns: Columns<T>, row: T) =>
  Object.fromEntries(Object.entries(columns).map(([key, [, get]]) => [`${alias}.${key}`, get(row)]))

// Aliased for their columns (`${a.id}` is "a"."id"), once; each FROM names the table and its alias itself.
const [a, v, cl] = [alias(attributes, 'a'), alias(attributeValues, 'v'), alias(clients, 'cl')]

type Check = NonNullable<CardChanges['checkedAttributes']>[number]
const changeColumns: Columns<ValueChange> = {
  client_id: ['uuid', (c) => c.clientId],
  attribute_id: ['uuid', (c) => c.attributeId],
  value: ['text', (c) => c.value],
  expected: ['int', (c) => c.expectedVersion ?? null],
  guarded: ['bool', (c) => c.onlyIf !== undefined],
  only_if: ['text', (c) => c.onlyIf?.value ?? null],
}
const checkColumns: Columns<Check> = { id: ['uuid', (c) => c.attributeId], checked: ['text', (c) => c.checked] }

/**
 * One statement for a set of value changes, so its locks last no longer than it does: the parameters locked
 * FOR SHARE as they were checked (an option rename waits, or the write sees it and reports `stale`), the
 * clients FOR KEY SHARE (a merge deleting one waits, or the write reports `stale`), the current values FOR
 * UPDATE (concurrent writers take turns, each deciding on what the previous one left). Then for each
 * change decided `write`: the value (a cleared one keeps its row with NULL, so its version keeps
 * counting), its history row at the value's write time, and the clients' updated_at.
 */
export const valueWriteSql = (
  w: CardChanges,
  changes: ValueChange[] | typeof ONE_ROW,
  checks: Check[] | typeof ONE_ROW = w.checkedAttributes ?? [],
) => {
  const single = changes === ONE_ROW || changes.length === 1
  // One change (the card's own write) compares with scalars, which the planner serves with one index probe each.
  const among = (column: AnyPgColumn, from: string) =>
    single ? sql`${column} = (SELECT ${sql.raw(from)} FROM ch)` : sql`${column} IN (SELECT ${sql.raw(from)} FROM ch)`
  const h = attributeHistory
  return sql`
  WITH ch AS MATERIALIZED (SELECT * FROM ${rowsSql(changes, 'ch', changeColumns)}),
  k AS (SELECT * FROM ${rowsSql(checks, 'k', checkColumns)}),
  locked_attributes AS MATERIALIZED (SELECT ${a.id} AS id, ${a.name} AS name, ${a.visibleTo}::text[] AS visible_to FROM ${attributes} a LEFT JOIN k ON k.id = ${a.id}
    WHERE ${among(a.id, 'attribute_id')} AND ${a.companyId} = ${w.companyId}
      AND (k.checked IS NULL OR ${attributeCheckSql(sql`a`)} = k.checked) ORDER BY ${a.id} FOR SHARE OF a),
  locked_clients AS MATERIALIZED (SELECT ${cl.id} AS id FROM ${clients} cl WHERE ${among(cl.id, 'client_id')}
    AND ${cl.companyId} = ${w.companyId} AND ${openCard(cl)} ORDER BY ${cl.id} FOR KEY SHARE),
  cur AS MATERIALIZED (SELECT ${v.clientId} AS client_id, ${v.attributeId} AS attribute_id, ${v.value} AS value, ${v.version} AS version
    FROM ${attributeValues} v WHERE ${
      single
        ? sql`${among(v.clientId, 'client_id')} AND ${among(v.attributeId, 'attribute_id')}`
        : sql`(${v.clientId}, ${v.attributeId}) IN (SELECT client_id, attribute_id FROM ch)`
    }
      AND ${v.attributeId} IN (SELECT id FROM locked_attributes) AND ${v.clientId} IN (SELECT id FROM locked_clients)
    ORDER BY ${v.clientId}, ${v.attributeId} FOR UPDATE OF v),
  d AS MATERIALIZED (SELECT ch.client_id, ch.attribute_id, ch.value, cur.value AS old_value, coalesce(cur.version, 0) AS old_version,
      cur.client_id IS NOT NULL AS existed,
      CASE WHEN ch.attribute_id NOT IN (SELECT id FROM locked_attributes) OR ch.client_id NOT IN (SELECT id FROM locked_clients) THEN 'stale'
        WHEN cur.value IS NOT DISTINCT FROM ch.value THEN 'same'
        WHEN ch.guarded AND cur.value IS DISTINCT FROM ch.only_if THEN 'skipped'
        WHEN ch.expected <> coalesce(cur.version, 0) THEN 'conflict' ELSE 'write' END AS outcome
    FROM ch LEFT JOIN cur USING (client_id, attribute_id)),
  upd AS (UPDATE ${attributeValues} v SET ${bare(v.value)} = d.value, ${bare(v.version)} = ${v.version} + 1,
      ${bare(v.updatedAt)} = ${valueWriteTime(sql`${v.updatedAt}`)}, ${bare(v.updatedBy)} = ${w.userId}
    FROM d WHERE d.outcome = 'write' AND d.existed AND ${v.clientId} = d.client_id AND ${v.attributeId} = d.attribute_id
    RETURNING ${v.clientId} AS client_id, ${v.attributeId} AS attribute_id, ${v.version} AS version, ${v.updatedAt} AS updated_at),
  ins AS (INSERT INTO ${attributeValues} ${columnList(
    attributeValues.clientId,
    attributeValues.attributeId,
    attributeValues.companyId,
    attributeValues.value,
    attributeValues.version,
    attributeValues.updatedAt,
    attributeValues.updatedBy,
  )}
    SELECT client_id, attribute_id, ${w.companyId}, value, 1, clock_timestamp(), ${w.userId}::uuid
    FROM d WHERE outcome = 'write' AND NOT existed
    ON CONFLICT DO NOTHING RETURNING ${bare(attributeValues.clientId)}, ${bare(attributeValues.attributeId)},
      ${bare(attributeValues.version)}, ${bare(attributeValues.updatedAt)}),
  wr AS (SELECT * FROM upd UNION ALL SELECT * FROM ins),
  h AS (INSERT INTO ${h} ${columnList(h.companyId, h.clientId, h.attributeId, h.oldValue, h.newValue, h.changedAt, h.changedBy, h.source, h.batchId)}
    SELECT ${w.companyId}, d.client_id, d.attribute_id, d.old_value, d.value, wr.updated_at, ${w.userId}::uuid,
      ${w.source}::change_source, ${w.batchId ?? null}::uuid
    FROM d JOIN wr USING (client_id, attribute_id)),
  t AS (${touchClientsSql(sql`${clients.id} IN (SELECT client_id FROM wr)`)}),
  o AS (${outboxSql(
    w.companyId,
    'client.attributes.changed',
    changedSql(w, {
      client: sql`d.client_id`,
      changes: sql`jsonb_agg(jsonb_build_object('attributeId', d.attribute_id, 'name', l.name, 'oldValue', d.old_value,
        'newValue', d.value, 'version', wr.version) ORDER BY l.name, d.attribute_id)`,
      at: sql`max(wr.updated_at)`,
      from: sql`d JOIN wr USING (client_id, attribute_id) JOIN locked_attributes l ON l.id = d.attribute_id`,
    }),
  )})
  SELECT d.client_id, d.attribute_id, d.outcome, d.old_value, d.value AS new_value,
    coalesce(wr.version, d.old_version) AS version, wr.updated_at, d.outcome = 'write' AND wr.client_id IS NULL AS lost,
    (SELECT visible_to FROM locked_attributes l WHERE l.id = d.attribute_id) AS visible_to
  FROM d LEFT JOIN wr USING (client_id, attribute_id)`
}

/**
 * The data of a card event per client (one event per client, however many of its values, tags or fields
 * changed): the changes, and who made them, when and through what.
 */
function changedSql(w: CardChanges, e: { client: SQL; changes: SQL; at: SQL; from: SQL }) {
  const author = sql`(SELECT json_build_object('id', ${users.id}, 'name', ${users.name}) FROM ${users} WHERE ${users.id} = ${w.userId}::uuid)`
  return sql`SELECT ${clientQueue(sql`${e.client}::text`)} AS queue, jsonb_build_object('clientId', ${e.client}, 'changes', ${e.changes},
      'source', ${w.source}::text, 'batchId', ${w.batchId ?? null}::uuid, 'changedBy', ${author}, 'changedAt', ${isoSql(e.at)}) AS data
    FROM ${e.from} GROUP BY ${e.client}`
}

/** One time for every history row of a statement (an uncorrelated subquery runs once): a step reads as one step. */
const stepTime = sql`(SELECT clock_timestamp())`

/** The statement's own parameters, as placeholders of a statement rendered once. */
const slots = Object.fromEntries(
  (['companyId', 'userId', 'source', 'batchId'] as const).map((key) => [key, sql.placeholder(key)]),
) as unknown as CardChanges
/** The card's own write rendered once for each count of checked parameters (none or one). */
const oneValueWrites = [valueWriteSql(slots, ONE_ROW, []), valueWriteSql(slots, ONE_ROW, ONE_ROW)].map(rendered)

/**
 * `valueWriteSql` for one change and at most one checked parameter (the card's own write), with its text
 * rendered once: only its parameters are filled per call. Else undefined.
 */
export function oneValueWriteQuery(w: CardChanges, changes: ValueChange[]): Query | undefined {
  const checks = w.checkedAttributes ?? []
  const [change] = changes
  if (changes.length !== 1 || change === undefined || checks.length > 1) return undefined
  const { sql: text, params } = oneValueWrites[checks.length]!
  const values = { ...w, batchId: w.batchId ?? null, ...filledRow('ch', changeColumns, change) }
  return {
    sql: text,
    params: fillPlaceholders(params, checks[0] ? { ...values, ...filledRow('k', checkColumns, checks[0]) } : values),
  }
}

const tagColumns = {
  client_id: ['uuid', (c: TagChange) => c.clientId],
  tag_id: ['uuid', (c: TagChange) => c.tagId],
} satisfies Record<string, [string, (c: TagChange) => unknown]>

/** One statement for a set of tag changes: removals, then additions, each that changed anything with its history row. */
export const tagWriteSql = (w: CardChanges, changes: TagChange[]) => {
  const of = (action: TagChange['action']) => changes.filter((c) => c.action === action)
  const [added, removed] = [of('added'), of('removed')]
  const [l, h, tg, oc] = [alias(clientTags, 'l'), clientTagHistory, alias(tags, 'tg'), alias(clients, 'oc')]
  const open = sql`(SELECT ${oc.id} FROM ${clients} oc WHERE ${oc.id} = x.client_id AND ${openCard(oc)})`
  return sql`WITH
    plus AS (INSERT INTO ${clientTags} ${columnList(clientTags.clientId, clientTags.tagId, clientTags.addedBy)}
      SELECT client_id, tag_id, ${w.userId}::uuid FROM ${rowsSql(added, 'x', tagColumns)} WHERE x.client_id = ${open}
      ORDER BY client_id, tag_id ON CONFLICT DO NOTHING RETURNING ${bare(clientTags.clientId)} AS client_id, ${bare(clientTags.tagId)} AS tag_id,
        'added'::tag_action AS action),
    minus AS (DELETE FROM ${clientTags} l USING ${rowsSql(removed, 'x', tagColumns)}
      WHERE ${l.clientId} = x.client_id AND ${l.tagId} = x.tag_id AND x.client_id = ${open}
      RETURNING ${l.clientId} AS client_id, ${l.tagId} AS tag_id, 'removed'::tag_action AS action),
    done AS (SELECT * FROM minus UNION ALL SELECT * FROM plus),
    h AS (INSERT INTO ${h} ${columnList(h.companyId, h.clientId, h.tagId, h.action, h.changedAt, h.changedBy, h.source, h.batchId)}
      SELECT ${w.companyId}, client_id, tag_id, action, ${stepTime}, ${w.userId}::uuid, ${w.source}::change_source,
        ${w.batchId ?? null}::uuid FROM done),
    t AS (${touchClientsSql(sql`${clients.id} IN (SELECT client_id FROM done)`)}),
    o AS (${outboxSql(
      w.companyId,
      'client.tags.changed',
      changedSql(w, {
        client: sql`done.client_id`,
        changes: sql`jsonb_build_object(
          'added', coalesce(jsonb_agg(jsonb_build_object('tagId', ${tg.id}, 'name', ${tg.name})) FILTER (WHERE done.action = 'added'), '[]'),
          'removed', coalesce(jsonb_agg(jsonb_build_object('tagId', ${tg.id}, 'name', ${tg.name})) FILTER (WHERE done.action = 'removed'), '[]'))`,
        at: stepTime,
        from: sql`done JOIN ${tags} tg ON ${tg.id} = done.tag_id`,
      }),
    )})
    SELECT client_id, tag_id, action FROM done`
}

/** A field's name as a constant of the statement (they are the contract's, never the caller's). */
const literal = (field: ClientField) => sql.raw(`'${field}'`)

/**
 * The client's own fields (name, phone, e-mail): each client whose fields change gets them in one update,
 * one version more, and a history row per field.
 */
export const fieldWriteSql = (w: CardChanges, changes: FieldChange[]) => {
  const [c, h] = [alias(clients, 'c'), clientFieldHistory]
  const set = (field: ClientField) => sql`${bare(clients[field])} = CASE
    WHEN EXISTS (SELECT FROM x WHERE x.client_id = ${c.id} AND x.field = ${literal(field)})
    THEN (SELECT x.value FROM x WHERE x.client_id = ${c.id} AND x.field = ${literal(field)}) ELSE ${c[field]} END`
  return sql`WITH ch AS (SELECT * FROM ${rowsSql(changes, 'ch', {
    client_id: ['uuid', (x) => x.clientId],
    field: ['text', (x) => x.field],
    value: ['text', (x) => x.value],
    guarded: ['bool', (x) => x.onlyIf !== undefined],
    only_if: ['text', (x) => x.onlyIf?.value ?? null],
  })}),
    cur AS MATERIALIZED (SELECT ${c.id} AS id, ${sql.join(
      CLIENT_FIELDS.map((f) => sql`${c[f]} AS ${sql.identifier(f)}`),
      sql`, `,
    )}
      FROM ${clients} c WHERE ${c.id} IN (SELECT client_id FROM ch) AND ${c.companyId} = ${w.companyId} AND ${openCard(c)}
      ORDER BY ${c.id} FOR UPDATE OF c),
    d AS MATERIALIZED (SELECT ch.client_id, ch.field, ch.value,
        CASE ch.field ${sql.join(
          CLIENT_FIELDS.map((f) => sql`WHEN ${literal(f)} THEN cur.${sql.identifier(f)}`),
          sql` `,
        )} END AS old_value, ch.guarded, ch.only_if
      FROM ch JOIN cur ON cur.id = ch.client_id),
    x AS (SELECT * FROM d WHERE old_value IS DISTINCT FROM value AND (NOT guarded OR old_value IS NOT DISTINCT FROM only_if)),
    up AS (UPDATE ${clients} c SET ${sql.join(CLIENT_FIELDS.map(set), sql`, `)}, ${bare(c.version)} = ${c.version} + 1,
        ${bare(c.updatedAt)} = greatest(${c.updatedAt}, clock_timestamp())
      WHERE ${c.id} IN (SELECT client_id FROM x) RETURNING ${c.id} AS id),
    h AS (INSERT INTO ${h} ${columnList(h.companyId, h.clientId, h.field, h.oldValue, h.newValue, h.changedAt, h.changedBy, h.source, h.batchId)}
      SELECT ${w.companyId}, x.client_id, x.field::client_field, x.old_value, x.value, ${stepTime}, ${w.userId}::uuid,
        ${w.source}::change_source, ${w.batchId ?? null}::uuid FROM x JOIN up ON up.id = x.client_id),
    o AS (${outboxSql(
      w.companyId,
      'client.updated',
      changedSql(w, {
        client: sql`x.client_id`,
        changes: sql`jsonb_agg(jsonb_build_object('field', x.field, 'oldValue', x.old_value, 'newValue', x.value) ORDER BY x.field)`,
        at: stepTime,
        from: sql`x JOIN up ON up.id = x.client_id`,
      }),
    )})
    SELECT x.client_id, x.field, x.old_value, x.value AS new_value FROM x`
}
