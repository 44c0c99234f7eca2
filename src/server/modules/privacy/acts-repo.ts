import { and, desc, eq } from 'drizzle-orm'
import type { ErasureAct } from '@shared/privacy'
import type { Db } from '../../db/client'
import { erasureActs } from '../../db/schema'
import { iso } from '../../db/sql-helpers'
import { notFound } from '../../http/errors'

export const toAct = (r: typeof erasureActs.$inferSelect): ErasureAct => ({
  id: r.id,
  number: r.number,
  subject: r.subject,
  reason: r.reason,
  requestId: r.requestId,
  clientIds: r.clientIds,
  categories: r.categories,
  performedByName: r.performedByName,
  performedAt: iso(r.performedAt),
  journal: r.journal,
})

/** The company's acts, newest first. */
export async function listActs(db: Db, companyId: string) {
  const rows = await db
    .select()
    .from(erasureActs)
    .where(eq(erasureActs.companyId, companyId))
    .orderBy(desc(erasureActs.number))
  return { items: rows.map(toAct), count: rows.length }
}

export async function getAct(db: Db, companyId: string, actId: string) {
  const [row] = await db
    .select()
    .from(erasureActs)
    .where(and(eq(erasureActs.id, actId), eq(erasureActs.companyId, companyId)))
  if (!row) throw notFound('Акт не найден')
  return toAct(row)
}
