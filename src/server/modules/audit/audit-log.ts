import { and, eq, lt, sql } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import { AUDIT_RETENTION_DAYS, type AuditAction } from '@shared/audit'
import type { Db, Tx } from '../../db/client'
import { auditEvents, users } from '../../db/schema'

export interface AuditRecord {
  action: AuditAction
  /** What happened, in the words the "Журнал" shows: «Параметр «Город»: создан». */
  summary: string
  /** For routes without a caller (sign-in): whose company and who; otherwise the caller. */
  companyId?: string
  actorId?: string | null
  /** The client the entry is about: a personal-data export lists it. */
  clientId?: string
}

/** Writes one entry of the company's audit log, with the caller's address; in `db`'s transaction, if one. */
export async function audit(db: Db | Tx, req: FastifyRequest, record: AuditRecord) {
  const companyId = record.companyId ?? req.auth.companyId
  const actorId = record.actorId === undefined ? req.auth.userId : record.actorId
  const [entry] = await db
    .insert(auditEvents)
    .values({
      companyId,
      action: record.action,
      actorId,
      summary: record.summary,
      address: req.ip,
      actorName: actorId ? sql`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${actorId})` : null,
      clientId: record.clientId,
    })
    .returning()
  await sweepIfSignIn(db, companyId, record.action)
  return entry!
}

/** An entry the service itself makes, with no caller (a webhook switched off after failing for days). */
export async function recordSystemEvent(
  db: Db | Tx,
  record: { companyId: string; action: AuditAction; summary: string; clientId?: string },
) {
  const [entry] = await db
    .insert(auditEvents)
    .values({ ...record, actorId: null, actorName: null, address: null })
    .returning()
  return entry!
}

async function sweepIfSignIn(db: Db | Tx, companyId: string, action: AuditAction) {
  // Sign-ins come often enough to sweep out what is past the retention with them.
  if (action === 'sign-in') {
    await db
      .delete(auditEvents)
      .where(
        and(
          eq(auditEvents.companyId, companyId),
          lt(auditEvents.at, sql`now() - ${AUDIT_RETENTION_DAYS}::int * interval '1 day'`),
        ),
      )
  }
}
