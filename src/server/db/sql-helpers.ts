import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/** A column by its bare name, as SET and RETURNING of an aliased table, or an INSERT's column list, need it. */
export const bare = (column: AnyPgColumn) => sql.identifier(column.name)
export const columnList = (...list: AnyPgColumn[]) => sql`(${sql.join(list.map(bare), sql`, `)})`

export const iso = (d: Date | string) => new Date(d).toISOString()
export const isoOrNull = (d: Date | string | null) => (d == null ? null : iso(d))
/** A timestamptz as the API writes times (`iso`: UTC, milliseconds, `Z`), for JSON the database builds. */
export const isoSql = (column: SQL | AnyPgColumn) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/**
 * A value's new `updated_at`, also its history row's `changed_at`: when it is written (clock_timestamp(), not
 * now(): a writer that waited for the row lock stamps the time it wrote), yet after the value's last write
 * (`previous`), so its history keeps its order where the clock counts only milliseconds (the embedded
 * database's does).
 */
export const valueWriteTime = (previous: SQL) =>
  sql`greatest(clock_timestamp(), ${previous} + interval '1 microsecond')`

/**
 * Ends an EXISTS that must stay a lookup for each row read (`perRow`): with OFFSET the planner cannot turn it into
 * a join, which reads every match of the condition however few rows are read (a bounded walk along a sort).
 */
export const lookupPerRow = (perRow: boolean) => (perRow ? sql` OFFSET 0` : sql``)

/** `%keyword%` for ILIKE with the user's own % and _ taken literally. */
export const likePattern = (keyword: string) => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export const ilikeAny = (columns: AnyPgColumn[], keyword: string): SQL => {
  const pattern = likePattern(keyword)
  return sql`(${sql.join(
    columns.map((c) => sql`${c} ILIKE ${pattern}`),
    sql` OR `,
  )})`
}

/** A repeated query parameter as a list without repeats (`?tagId=a&tagId=a` is one tag). */
export const asArray = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : [...new Set(Array.isArray(v) ? v : [v])]

/** Ids as one `uuid[]` parameter, for `= ANY(…)`: one placeholder however many ids there are. */
export const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`
/** A whole array as one parameter of `type`[] (a plain array would become a list of parameters). */
export const arrayParam = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`

/** Whether a PostgreSQL error has SQLSTATE `state`, the driver error bare or wrapped by Drizzle. */
const hasSqlState = (err: unknown, state: string) => {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null
  return e?.code === state || e?.cause?.code === state
}

/** PostgreSQL's unique_violation. */
export const isUniqueViolation = (err: unknown) => hasSqlState(err, '23505')

/**
 * A text too long for a B-tree index (program_limit_exceeded): a key holds about 2,700 bytes after compression,
 * so 2,000 characters of text that hardly repeats (Chinese, or letters in no order) may not fit.
 */
export const isIndexKeyTooLong = (err: unknown) => hasSqlState(err, '54000')

/** What a user is told of a value isIndexKeyTooLong refused. */
export const INDEX_KEY_TOO_LONG =
  'Значение не помещается в индекс поиска: в нём слишком мало повторов (случайные буквы, иероглифы), сократите его'
