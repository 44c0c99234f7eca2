import { sql, type SQL } from 'drizzle-orm'
import { CLIENT_FIELDS, type ClientField } from '@shared/clients'
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
import type { CardChanges, FieldChange, TagChange, ValueChange } from './card-write'

// The statements of the card write path (card-write.ts), one per kind of change, each for a whole set of
// changes: rendered to db/queries/card-write-*.sql by test/server/queries.test.ts.

/** What a value is checked against and who may write it: if this changes, the write is checked again. */
export const attributeCheckSql = (alias: SQL) =>
  sql`md5(row(${alias}.type, ${alias}.options, ${alias}.editable_by, ${alias}.visible_to, ${alias}.archived_at)::text)`

/**
 * Marks cards changed: an attribute value or a client tag counts as a change of the client, so "sort by
 * updatedAt" and `updatedSince` find it. Never moves backwards under concurrent writers.
 */
const touchClientsSql = (where: SQL) =>
  sql`UPDATE ${clients} SET updated_at = greatest(updated_at, clock_timestamp()) WHERE ${where}`

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
export const valueWriteSql = (w: CardChanges, changes: ValueChange[]) => {
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

const tagColumns = {
  client_id: ['uuid', (c: TagChange) => c.clientId],
  tag_id: ['uuid', (c: TagChange) => c.tagId],
} satisfies Record<string, [string, (c: TagChange) => unknown]>

/** One statement for a set of tag changes: removals, then additions, each that changed anything with its history row. */
export const tagWriteSql = (w: CardChanges, changes: TagChange[]) => {
  const of = (action: TagChange['action']) => changes.filter((c) => c.action === action)
  const [added, removed] = [of('added'), of('removed')]
  return sql`WITH
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
    SELECT client_id, tag_id, action FROM done`
}

/** A field's column in a statement about clients `c`. */
const fieldColumn = (field: ClientField) => sql`c.${sql.identifier(field)}`

/**
 * The client's own fields (name, phone, e-mail): each client whose fields change gets them in one update,
 * one version more, and a history row per field.
 */
export const fieldWriteSql = (w: CardChanges, changes: FieldChange[]) => {
  const fields = CLIENT_FIELDS
  return sql`WITH ch AS (SELECT * FROM ${rowsSql(changes, 'ch', {
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
    SELECT x.client_id, x.field, x.old_value, x.value AS new_value FROM x`
}
