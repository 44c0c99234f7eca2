import { and, eq, sql } from 'drizzle-orm'
import type { Me, Operator, OperatorStatus } from '@shared/auth'
import type { Role } from '@shared/common'
import type { Db } from '../../db/client'
import { companies, users } from '../../db/schema'
import { hashPassword } from './passwords'
import { notFound } from '../../http/errors'

const operatorColumns = { id: users.id, name: users.name, email: users.email, role: users.role, status: users.status }

/** How long a panel's stream may be silent before its person counts as gone (it speaks every 25 s). */
const PRESENCE_SECONDS = 60

/**
 * «На связи» to colleagues: marked available and with the panel open now (its stream seen lately). A user
 * created a minute ago, or who closed the panel, is «отошёл» whatever they chose.
 */
export const presentStatus = sql<OperatorStatus>`CASE WHEN ${users.status} = 'online' AND ${users.lastSeenAt} > now() - ${PRESENCE_SECONDS}::int * interval '1 second'
  THEN 'online' ELSE 'away' END::operator_status`

/** A panel's stream is open (`true`, again every heartbeat) or its last one in this process closed. */
export async function markSeen(db: Db, userId: string, here: boolean) {
  await db
    .update(users)
    .set({ lastSeenAt: here ? sql`now()` : null })
    .where(eq(users.id, userId))
}

/** Whether anyone of the company is «на связи» to take a dialogue now. */
export async function anyoneOnline(db: Db, companyId: string) {
  const online = and(eq(users.companyId, companyId), eq(users.active, true), sql`${presentStatus} = 'online'`)
  return (await db.$count(users, online)) > 0
}

export async function listOperators(db: Db, companyId: string): Promise<Operator[]> {
  return db
    .select({ ...operatorColumns, status: presentStatus })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.active, true)))
    .orderBy(users.name)
}

export async function getUser(db: Db, companyId: string, userId: string): Promise<Operator> {
  const [user] = await db
    .select(operatorColumns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.companyId, companyId)))
  if (!user) throw notFound('Пользователь не найден')
  return user
}

export async function getMe(db: Db, companyId: string, userId: string): Promise<Me> {
  const [me] = await db
    .select({
      ...operatorColumns,
      companyId: users.companyId,
      companyName: companies.name,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(and(eq(users.id, userId), eq(users.companyId, companyId)))
  // A valid token of a deleted user is no longer a session.
  if (!me) throw notFound('Пользователь не найден')
  return me
}

export async function setOperatorStatus(
  db: Db,
  companyId: string,
  userId: string,
  status: OperatorStatus,
): Promise<Operator> {
  const [user] = await db
    .update(users)
    .set({ status })
    .where(and(eq(users.id, userId), eq(users.companyId, companyId)))
    .returning(operatorColumns)
  if (!user) throw notFound('Пользователь не найден')
  return user
}

export async function findUserForLogin(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()))
  return user
}

export async function createCompany(db: Db, name: string) {
  const [company] = await db.insert(companies).values({ name }).returning()
  return company!
}

type NewUser = {
  companyId: string
  email: string
  name: string
  role: Role
  password: string
  mustChangePassword?: boolean
}

export async function createUser(db: Db, input: NewUser) {
  const [user] = await db
    .insert(users)
    .values({
      companyId: input.companyId,
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: input.mustChangePassword ?? false,
    })
    .returning(operatorColumns)
  return user!
}
