import { sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/raw'
import { attributeValues } from '../../db/schema'

// A multi-select value is stored as a JSON array of option names, so «any of» and «all of» are substring
// conditions, and the planner cannot tell how many clients they keep: at a million clients it expected a
// few and gathered 80,000 before sorting them (0.8 s). A multi-select has few distinct stored arrays,
// though: the filter is turned into the arrays that satisfy it, and those the planner weighs by the
// statistics of the (attribute, value) pairs, as it does a city.

/** Past this many distinct arrays the filter stays a substring condition. */
const MAX_COMBINATIONS = 1000

const v = alias(attributeValues, 'v')

/**
 * The distinct values an attribute holds, read by a loose index scan of (attribute_id, value): one probe per
 * distinct value, whatever the number of clients. Undefined past MAX_COMBINATIONS.
 */
export async function distinctValues(db: Db, attributeId: string): Promise<string[] | undefined> {
  const a = attributeValues
  const rows = await rowsOf<{ value: string }>(
    db,
    sql`WITH RECURSIVE d AS (
      (SELECT ${a.value} AS value FROM ${a} WHERE ${a.attributeId} = ${attributeId} AND ${a.value} IS NOT NULL
        ORDER BY ${a.value} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${v.value} FROM ${a} v WHERE ${v.attributeId} = ${attributeId} AND ${v.value} > d.value
        ORDER BY ${v.value} LIMIT 1) FROM d WHERE d.value IS NOT NULL)
    SELECT value FROM d WHERE value IS NOT NULL LIMIT ${MAX_COMBINATIONS + 1}`,
  )
  return rows.length > MAX_COMBINATIONS ? undefined : rows.map((r) => r.value)
}

/** Whether a stored array holds an option: its name, quoted as JSON, is in it (as the substring condition reads it). */
export const holds = (stored: string, option: string) => stored.includes(JSON.stringify(option))
