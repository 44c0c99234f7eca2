import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Role } from '@shared/common'
import type { Db } from '../../db/client'
import { attributes } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { visibleTo } from '../cards'

/**
 * Checks `attributeId` against the caller's catalog: another company's attribute, or one hidden from the
 * caller's role, is as unknown as a made-up one, and each is named, as the attr.<id> filters do. Archived ones pass: an old column still
 * has its values.
 */
export async function checkAttributeColumns(db: Db, companyId: string, role: Role, ids: string[]) {
  if (ids.length === 0) return
  const rows = await db
    .select({ id: attributes.id })
    .from(attributes)
    .where(
      and(
        eq(attributes.companyId, companyId),
        inArray(attributes.id, ids),
        visibleTo(role, sql`${attributes.visibleTo}`),
      ),
    )
  const known = new Set(rows.map((r) => r.id))
  const problems = ids
    .filter((id) => !known.has(id))
    .map((id) => ({ path: 'querystring.attributeId', message: `Параметр ${id} не найден` }))
  if (problems[0]) throw new HttpError(400, `attributeId: ${problems[0].message}`, problems)
}
