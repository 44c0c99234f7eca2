import { and, count, type SQL } from 'drizzle-orm'
import { NOT_COUNTED, type Role } from '@shared/common'
import { DEFAULT_ORDER, type ClientDirectory, type ClientDirectoryQuery, type ClientExportQuery } from '@shared/client-directory'
import type { Db } from '../../db/client'
import { clients } from '../../db/schema'
import { asArray } from '../../db/sql-helpers'
import { badRequest } from '../../errors'
import { attributesOfPage, checkAttributeColumns } from './directory-attributes'
import {
  afterCursor, decodeCursor, encodeCursor, orderOf, resolveAttributeFilters, sortKeyOf, whereOf, type Cursor, type Sort,
} from './directory-query'
import { tagsJson } from '../tags/links'
import { toClient } from './repo'

/** A filtered, sorted view of one company's clients, checked against its catalog. */
export interface Directory { where: SQL; sort: Sort }

export async function openDirectory(db: Db, companyId: string, role: Role, q: ClientExportQuery): Promise<Directory> {
  const attributeFilters = await resolveAttributeFilters(db, companyId, role, q.attributeFilters)
  return {
    where: whereOf(companyId, { ...q, attributeFilters }),
    sort: { field: q.sort, order: q.order ?? DEFAULT_ORDER[q.sort] },
  }
}

/** The page query itself, exported so the benchmark can EXPLAIN exactly what the route runs. */
export const selectPage = (db: Db, dir: Directory, where: SQL, limit: number) =>
  db.select({ row: clients, sortKey: sortKeyOf(dir.sort), tags: tagsJson('client', clients) })
    .from(clients).where(where).orderBy(...orderOf(dir.sort)).limit(limit)

/**
 * One page: `limit` rows after the cursor (keyset) or after `offset` rows. One extra row is read to know
 * whether another page follows; `next` is the cursor of the page's last row then.
 */
export async function readPage(db: Db, dir: Directory, p: { limit: number; offset?: number; cursor?: Cursor }) {
  const take = p.limit + 1
  const select = (where: SQL, limit: number) => selectPage(db, dir, where, limit)
  const rows = []
  if (!p.cursor) {
    rows.push(...await select(dir.where, take).offset(p.offset ?? 0))
  } else {
    // With nullable sort values "after the cursor" is up to two index ranges: read them in list order.
    for (const after of afterCursor(dir.sort, p.cursor)) {
      if (rows.length >= take) break
      rows.push(...await select(and(dir.where, after)!, take - rows.length))
    }
  }
  const page = rows.slice(0, p.limit)
  const last = page.at(-1)
  const next = rows.length > p.limit && last ? { value: last.sortKey, id: last.row.id } : null
  return { rows: page, next }
}

export async function listDirectory(db: Db, companyId: string, role: Role, q: ClientDirectoryQuery): Promise<ClientDirectory> {
  const dir = await openDirectory(db, companyId, role, q)
  const attributeIds = asArray(q.attributeId)
  await checkAttributeColumns(db, companyId, role, attributeIds)
  if (q.cursor && q.offset > 0) throw badRequest('querystring.offset', 'offset не сочетается с cursor: cursor уже указывает место')
  const cursor = q.cursor ? decodeCursor(q.cursor, dir.sort) : undefined
  const { rows, next } = await readPage(db, dir, { limit: q.limit, offset: q.offset, cursor })
  const total = q.withoutCount ? NOT_COUNTED : (await db.select({ n: count() }).from(clients).where(dir.where))[0]!.n
  const items = rows.map((r) => toClient(r.row, r.tags))
  const values = attributeIds.length ? await attributesOfPage(db, items.map((r) => r.id), attributeIds) : null
  return {
    count: total,
    items: values ? items.map((item) => ({ ...item, attributes: values.get(item.id)! })) : items,
    ...(next && { nextCursor: encodeCursor(dir.sort, next) }),
  }
}
