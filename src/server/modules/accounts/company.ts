import { eq } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { companyPatchSchema, companySchema, type CompanyPatch } from '@shared/company'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import type { Db } from '../../db/client'
import { companies } from '../../db/schema'
import { checkPhone } from '@shared/phones'

const columns = {
  id: companies.id,
  name: companies.name,
  timeZone: companies.timeZone,
  phoneCountry: companies.phoneCountry,
  operatorsExport: companies.operatorsExport,
}
type Company = { id: string; name: string; timeZone: string; phoneCountry: string; operatorsExport: boolean }

/** Settings are read on each write of a phone: kept for a few seconds, as users are (modules/auth/access.ts). */
const SETTINGS_TTL_MS = 5000
const cached = new Map<string, { company: Company; until: number }>()

export async function getCompany(db: Db, companyId: string): Promise<Company> {
  const hit = cached.get(companyId)
  if (hit && hit.until > Date.now()) return hit.company
  const [company] = await db.select(columns).from(companies).where(eq(companies.id, companyId))
  if (cached.size > 10_000) cached.clear()
  cached.set(companyId, { company: company!, until: Date.now() + SETTINGS_TTL_MS })
  return company!
}

/** The company's rule for phones: checked by its country's plan, stored in E.164. */
export async function phoneRule(db: Db, companyId: string) {
  const { phoneCountry } = await getCompany(db, companyId)
  return (raw: string) => checkPhone(raw, phoneCountry)
}

async function updateCompany(db: Db, companyId: string, patch: CompanyPatch) {
  const [company] = await db.update(companies).set(patch).where(eq(companies.id, companyId)).returning(columns)
  cached.delete(companyId)
  return company!
}

/** The caller's company: its name and time zone (ext). */
export const companyRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/company',
    {
      schema: { tags: ['Operators'], summary: 'Компания', response: { 200: companySchema } },
    },
    (req) => getCompany(db, req.auth.companyId),
  )

  app.patch(
    '/company',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['Operators'],
        summary: 'Изменить название, часовой пояс, страну телефонов или доступ операторов к экспорту',
        body: companyPatchSchema,
        response: { 200: companySchema },
      },
    },
    (req) => updateCompany(db, req.auth.companyId, req.body),
  )
}
