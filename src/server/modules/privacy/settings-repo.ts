import { eq } from 'drizzle-orm'
import { OFFICIAL_HOLIDAYS } from '@shared/privacy'
import type { z } from 'zod'
import type { privacySettingsPatchSchema } from '@shared/privacy'
import type { Db } from '../../db/client'
import { companies } from '../../db/schema'

/** The company's days off for deadlines (its own list, or the official one) and its retention. */
export async function getSettings(db: Db, companyId: string) {
  const [co] = await db
    .select({ holidays: companies.holidays, retentionMonths: companies.retentionMonths })
    .from(companies)
    .where(eq(companies.id, companyId))
  return {
    holidays: co!.holidays ?? [...OFFICIAL_HOLIDAYS],
    officialHolidays: co!.holidays === null,
    retentionMonths: co!.retentionMonths,
  }
}

export async function updateSettings(db: Db, companyId: string, patch: z.infer<typeof privacySettingsPatchSchema>) {
  await db
    .update(companies)
    .set({
      ...(patch.holidays !== undefined && { holidays: patch.holidays && [...new Set(patch.holidays)].sort() }),
      ...(patch.retentionMonths !== undefined && { retentionMonths: patch.retentionMonths }),
    })
    .where(eq(companies.id, companyId))
  return getSettings(db, companyId)
}
