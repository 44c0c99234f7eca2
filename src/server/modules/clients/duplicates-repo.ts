import { inArray, sql } from 'drizzle-orm'
import { type ListQuery, NOT_COUNTED } from '@shared/common'
import type { DuplicateGroup, DuplicateReason } from '@shared/clients'
import type { Db } from '../../db/client'
import { clients, duplicateKeys } from '../../db/schema'
import { rowsOf } from '../../db/raw'
import { withTags } from '../cards'

type GroupRow = { ids: string[]; reasons: DuplicateReason[]; total: string | number }

/**
 * Groups of clients that look like one person: the same phone (the last 10 digits, so that +7 and 8 and
 * any spelling agree) or the same e-mail in any case. A group found by both keys is one group with both
 * reasons; `name` is added when every member has the same name. Groups with the newest member come first.
 * Only the clients of keys that two or more share are read (duplicate_keys, kept by the database), through
 * the indexes the import matches by.
 */
export async function listDuplicates(db: Db, companyId: string, q: ListQuery) {
  const rows = await groups(db, companyId, q.limit, q.offset)
  // The total rides along as a window count; only a page past the end needs to ask again.
  const total = q.withoutCount
    ? NOT_COUNTED
    : Number((rows[0] ?? (q.offset ? (await groups(db, companyId, 1, 0))[0] : undefined))?.total ?? 0)
  const ids = rows.flatMap((r) => r.ids)
  const cards = ids.length ? await withTags(db, await db.select().from(clients).where(inArray(clients.id, ids))) : []
  const byId = new Map(cards.map((card) => [card.id, card]))
  const items: DuplicateGroup[] = rows.map((r) => ({
    reasons: [...r.reasons].sort(),
    clients: r.ids.map((id) => byId.get(id)!),
  }))
  return { count: total, items }
}

/** A client of a shared key, with the keys it is grouped by. */
const member = sql`${clients.id} AS id, ${clients.createdAt} AS created_at, lower(trim(${clients.name})) AS name_key,
  lower(nullif(${clients.email}, '')) AS email_key,
  CASE WHEN length(${clients.phoneDigits}) >= 10 THEN right(${clients.phoneDigits}, 10) END AS phone_key`
/**
 * A key's group: its clients oldest first (its rows come sorted so: an ORDER BY in the aggregate would sort each
 * group on its own), its newest, and whether they all have one name.
 */
const group = sql`array_agg(id) AS ids, max(created_at) AS newest,
  min(name_key) = max(name_key) AND bool_and(name_key IS NOT NULL) AS same_name`
const sharedKeys = (companyId: string, kind: 'phone' | 'email') =>
  sql`ARRAY(SELECT ${duplicateKeys.key} FROM ${duplicateKeys} WHERE ${duplicateKeys.companyId} = ${companyId}
    AND ${duplicateKeys.clients} > 1 AND ${duplicateKeys.kind} = ${kind})`

/**
 * The clients of the shared keys are read in one scan: both keys' indexes answer the OR as one bitmap, the
 * heap is read in its own order, and a client of both keys is one row.
 */
const groups = (db: Db, companyId: string, limit: number, offset: number) =>
  rowsOf<GroupRow>(
    db,
    sql`
    WITH c AS MATERIALIZED (
      SELECT ${member} FROM ${clients} WHERE ${clients.companyId} = ${companyId}
        AND (right(${clients.phoneDigits}, 10) = ANY(${sharedKeys(companyId, 'phone')})
          OR lower(${clients.email}) = ANY(${sharedKeys(companyId, 'email')}))
    ), keyed AS (
      SELECT 'phone' AS reason, ${group}
      FROM (SELECT * FROM c WHERE phone_key IS NOT NULL ORDER BY phone_key, created_at, id) p
      GROUP BY phone_key HAVING count(*) > 1
      UNION ALL
      SELECT 'email', ${group}
      FROM (SELECT * FROM c WHERE email_key IS NOT NULL ORDER BY email_key, created_at, id) e
      GROUP BY email_key HAVING count(*) > 1
    ), grouped AS (
      SELECT ids, array_agg(DISTINCT reason) AS reasons, max(newest) AS newest, bool_and(same_name) AS same_name
      FROM keyed GROUP BY ids
    )
    SELECT g.ids, g.reasons || CASE WHEN g.same_name THEN ARRAY['name'] ELSE ARRAY[]::text[] END AS reasons,
      count(*) OVER () AS total
    FROM grouped g ORDER BY g.newest DESC, g.ids LIMIT ${limit} OFFSET ${offset}`,
  )
