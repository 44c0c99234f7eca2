import { and, asc, desc, eq, sql } from 'drizzle-orm'
import {
  addDays,
  DUE_SOON_WORKING_DAYS,
  EXTENSION_WORKING_DAYS,
  OFFICIAL_HOLIDAYS,
  PRIVACY_REQUEST_KINDS,
  workingDaysLeft,
  type PrivacyRequest,
  type PrivacyRequestInput,
  type PrivacyRequestPatch,
} from '@shared/privacy'
import type { Actor } from '../../http/actor'
import type { Db } from '../../db/client'
import { clients, companies, erasureActs, privacyRequests } from '../../db/schema'
import { iso, isoOrNull, isUniqueViolation } from '../../db/sql-helpers'
import { badRequest, conflict, notFound } from '../../http/errors'
import { clientNotFound } from '../cards'

type Row = typeof privacyRequests.$inferSelect

/** The company's days off besides weekends, and today in its time zone. */
export async function calendarOf(db: Db, companyId: string) {
  const [co] = await db
    .select({
      holidays: companies.holidays,
      today: sql<string>`to_char(now() AT TIME ZONE ${companies.timeZone}, 'YYYY-MM-DD')`,
    })
    .from(companies)
    .where(eq(companies.id, companyId))
  return { holidays: co!.holidays ?? [...OFFICIAL_HOLIDAYS], today: co!.today }
}

const requestNotFound = () => notFound('Запрос не найден')

async function withClients(db: Db, companyId: string, rows: Row[]) {
  const { holidays, today } = await calendarOf(db, companyId)
  const ids = [...new Set(rows.flatMap((r) => (r.clientId ? [r.clientId] : [])))]
  const names = ids.length
    ? new Map(
        (
          await db
            .select({ id: clients.id, name: clients.name })
            .from(clients)
            .where(sql`${clients.id} = ANY(${`{${ids.join(',')}}`}::uuid[])`)
        ).map((c) => [c.id, c.name]),
      )
    : new Map<string, string | null>()
  return rows.map((r): PrivacyRequest => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    channel: r.channel as PrivacyRequest['channel'],
    subject: r.subject,
    client: r.clientId ? { id: r.clientId, name: names.get(r.clientId) ?? null } : null,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    daysLeft: r.status === 'open' ? workingDaysLeft(today, r.dueOn, holidays) : null,
    extensionReason: r.extensionReason,
    status: r.status,
    resolution: r.resolution as PrivacyRequest['resolution'],
    actId: r.actId,
    note: r.note,
    createdAt: iso(r.createdAt),
    closedAt: isoOrNull(r.closedAt),
  }))
}

/** Open requests by due date first, then closed ones newest first. */
export async function listRequests(db: Db, companyId: string, status?: 'open' | 'closed') {
  const r = privacyRequests
  const rows = await db
    .select()
    .from(r)
    .where(and(eq(r.companyId, companyId), status ? eq(r.status, status) : undefined))
    .orderBy(
      desc(sql`${r.status} = 'open'`),
      asc(sql`CASE WHEN ${r.status} = 'open' THEN ${r.dueOn} END`),
      desc(r.number),
    )
  return { items: await withClients(db, companyId, rows), count: rows.length }
}

export async function getRequest(db: Db, companyId: string, requestId: string) {
  const [row] = await db
    .select()
    .from(privacyRequests)
    .where(and(eq(privacyRequests.id, requestId), eq(privacyRequests.companyId, companyId)))
  if (!row) throw requestNotFound()
  return (await withClients(db, companyId, [row]))[0]!
}

async function checkClient(db: Db, companyId: string, clientId: string | null | undefined) {
  if (!clientId) return
  const [found] = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.companyId, companyId)))
  if (!found) throw clientNotFound()
}

/** Registers a request; its deadline counts from the day it arrived, in working days where the law says so. */
export async function createRequest(db: Db, actor: Actor, input: PrivacyRequestInput) {
  const { companyId } = actor
  await checkClient(db, companyId, input.clientId)
  const { holidays, today } = await calendarOf(db, companyId)
  if (input.receivedOn > today) throw badRequest('body.receivedOn', 'Дата поступления ещё не наступила')
  const kind = PRIVACY_REQUEST_KINDS[input.kind]
  const r = privacyRequests
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await db
        .insert(r)
        .values({
          companyId,
          number: sql`(SELECT coalesce(max(${r.number}), 0) + 1 FROM ${r} WHERE ${r.companyId} = ${companyId})`,
          kind: input.kind,
          channel: input.channel,
          subject: input.subject,
          clientId: input.clientId ?? null,
          receivedOn: input.receivedOn,
          dueOn: addDays(input.receivedOn, kind.days, kind.working, holidays),
          note: input.note ?? null,
          createdBy: actor.userId,
        })
        .returning()
      return (await withClients(db, companyId, [row!]))[0]!
    } catch (err) {
      // Two registered at once took the same number: the second takes the next.
      if (!isUniqueViolation(err) || attempt > 3) throw err
    }
  }
}

/** Links a client, notes, extends the deadline once, or closes the request with how it was answered. */
export async function updateRequest(db: Db, companyId: string, requestId: string, patch: PrivacyRequestPatch) {
  const r = privacyRequests
  const [row] = await db
    .select()
    .from(r)
    .where(and(eq(r.id, requestId), eq(r.companyId, companyId)))
  if (!row) throw requestNotFound()
  if (row.status === 'closed') throw conflict('Запрос уже закрыт')
  await checkClient(db, companyId, patch.clientId)
  if (patch.actId) {
    const [act] = await db
      .select({ id: erasureActs.id })
      .from(erasureActs)
      .where(and(eq(erasureActs.id, patch.actId), eq(erasureActs.companyId, companyId)))
    if (!act) throw badRequest('body.actId', 'Акт не найден')
  }
  if (patch.extensionReason && row.extensionReason)
    throw conflict('Срок уже продлевали: продлить можно один раз', [
      { path: 'body.extensionReason', message: 'уже продлён' },
    ])
  if (patch.resolution === 'erased' && !patch.actId && !row.actId)
    throw badRequest('body.actId', 'Приложите акт об уничтожении')
  const { holidays } = await calendarOf(db, companyId)
  await db
    .update(r)
    .set({
      ...(patch.clientId !== undefined && { clientId: patch.clientId }),
      ...(patch.note !== undefined && { note: patch.note }),
      ...(patch.actId && { actId: patch.actId }),
      ...(patch.extensionReason && {
        extensionReason: patch.extensionReason,
        dueOn: addDays(row.dueOn, EXTENSION_WORKING_DAYS, true, holidays),
      }),
      ...(patch.resolution && { status: 'closed' as const, resolution: patch.resolution, closedAt: sql`now()` }),
    })
    .where(eq(r.id, requestId))
  return getRequest(db, companyId, requestId)
}

/** Open requests due within DUE_SOON_WORKING_DAYS working days, and those overdue. */
export async function dueCounts(db: Db, companyId: string) {
  const { holidays, today } = await calendarOf(db, companyId)
  const soon = addDays(today, DUE_SOON_WORKING_DAYS, true, holidays)
  const r = privacyRequests
  const [row] = await db
    .select({
      overdue: sql<number>`count(*) FILTER (WHERE ${r.dueOn} < ${today}::date)::int`,
      dueSoon: sql<number>`count(*) FILTER (WHERE ${r.dueOn} >= ${today}::date AND ${r.dueOn} <= ${soon}::date)::int`,
    })
    .from(r)
    .where(and(eq(r.companyId, companyId), eq(r.status, 'open')))
  return row!
}
