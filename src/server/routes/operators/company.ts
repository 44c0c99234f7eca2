import { eq } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { companyPatchSchema, companySchema, type CompanyPatch } from '@shared/company'
import { requireRole } from '../../auth/guard'
import type { RouteContext } from '../../context'
import type { Db } from '../../db/client'
import { companies } from '../../db/schema'

const columns = { id: companies.id, name: companies.name, timeZone: companies.timeZone }

export async function getCompany(db: Db, companyId: string) {
  const [company] = await db.select(columns).from(companies).where(eq(companies.id, companyId))
  return company!
}

async function updateCompany(db: Db, companyId: string, patch: CompanyPatch) {
  const [company] = await db.update(companies).set(patch).where(eq(companies.id, companyId)).returning(columns)
  return company!
}

/** The caller's company: its name and time zone (ext). */
export const companyRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get('/company', {
    schema: { tags: ['Operators'], summary: 'Компания', response: { 200: companySchema } },
  }, (req) => getCompany(db, req.auth.companyId))

  app.patch('/company', {
    preHandler: requireRole('admin'),
    schema: { tags: ['Operators'], summary: 'Изменить название или часовой пояс компании', body: companyPatchSchema, response: { 200: companySchema } },
  }, (req) => updateCompany(db, req.auth.companyId, req.body))
}
