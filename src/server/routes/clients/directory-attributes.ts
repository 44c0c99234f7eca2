import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Role } from '@shared/common'
import type { Db } from '../../db/client'
import { attributes, attributeValues } from '../../db/schema'
import { uuidArray } from '../../db/sql-helpers'
import { HttpError } from '../../errors'
import { visibleTo } from '../attributes/access'

/**
 * Checks `attributeId` against the caller's catalog: another company's attribute, or one hidden from the
 * caller's role, is as unknown as a made-up one, and each is named, as the attr.<id> filters do. Archived ones pass: an old column still
 * has its values.
 */
export async function checkAttributeColumns(db: Db, companyId: string, role: Role, ids: string[]) {
  if (ids.length === 0) return
  const rows = await db.select({ id: attributes.id }).from(attributes)
    .where(and(eq(attributes.companyId, companyId), inArray(attributes.id, ids), visibleTo(role, sql`${attributes.visibleTo}`)))
  const known = new Set(rows.map((r) => r.id))
  const problems = ids.filter((id) => !known.has(id))
    .map((id) => ({ path: 'querystring.attributeId', message: `Параметр ${id} не найден` }))
  if (problems[0]) throw new HttpError(400, `attributeId: ${problems[0].message}`, problems)
}

/**
 * The values of `ids` for a page of clients, with one query whatever the page size: the
 * (client_id, attribute_id) key answers it.
 */
export async function attributesOfPage(db: Db, clientIds: string[], ids: string[]) {
  const byClient = new Map<string, Record<string, string | null>>()
  for (const clientId of clientIds) byClient.set(clientId, Object.fromEntries(ids.map((id) => [id, null])))
  if (clientIds.length === 0) return byClient
  const rows = await db.select({ clientId: attributeValues.clientId, attributeId: attributeValues.attributeId, value: attributeValues.value })
    .from(attributeValues)
    .where(sql`${attributeValues.clientId} = ANY(${uuidArray(clientIds)}) AND ${attributeValues.attributeId} = ANY(${uuidArray(ids)})`)
  for (const r of rows) byClient.get(r.clientId)![r.attributeId] = r.value
  return byClient
}
