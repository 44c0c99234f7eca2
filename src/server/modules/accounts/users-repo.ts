import { randomInt } from 'node:crypto'
import { and, asc, eq, sql } from 'drizzle-orm'
import type { User, UserCreate, UserPatch } from '@shared/users'
import { hashPassword } from './passwords'
import type { Db } from '../../db/client'
import { users } from '../../db/schema'
import { isUniqueViolation } from '../../db/sql-helpers'
import { conflict, notFound } from '../../http/errors'
import { createUser } from './operators-repo'

const columns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
}
type Row = Omit<User, 'createdAt'> & { createdAt: Date }
const toUser = (r: Row): User => ({ ...r, createdAt: r.createdAt.toISOString() })

// No 0/O, 1/l/I: the admin reads it out or types it into a message.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const temporaryPassword = () => Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')

const userNotFound = () => notFound('Сотрудник не найден')

export async function listUsers(db: Db, companyId: string): Promise<User[]> {
  const rows = await db
    .select(columns)
    .from(users)
    .where(eq(users.companyId, companyId))
    .orderBy(asc(users.name), asc(users.id))
  return rows.map(toUser)
}

async function getUserRow(db: Db, companyId: string, userId: string) {
  const [row] = await db
    .select(columns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.companyId, companyId)))
  if (!row) throw userNotFound()
  return toUser(row)
}

/** A new member with a temporary password, which they must replace at their first sign-in. */
export async function inviteUser(db: Db, companyId: string, input: UserCreate) {
  const password = temporaryPassword()
  try {
    const { id } = await createUser(db, { companyId, ...input, password, mustChangePassword: true })
    return { user: await getUserRow(db, companyId, id), temporaryPassword: password }
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict('Сотрудник с такой почтой уже есть', [{ path: 'body.email', message: 'Почта уже занята' }])
    throw err
  }
}

/**
 * Renames, changes the role, deactivates or reactivates. The company keeps at least one active admin:
 * the admins' rows are locked first, so two admins demoting each other at once cannot both succeed.
 */
export async function updateUser(db: Db, companyId: string, userId: string, patch: UserPatch) {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.companyId, companyId), eq(users.role, 'admin'), eq(users.active, true)))
      .for('update')
    const before = await getUserRow(tx, companyId, userId)
    const staysAdmin = (patch.role ?? before.role) === 'admin' && (patch.active ?? before.active)
    if (admins.some((a) => a.id === userId) && admins.length === 1 && !staysAdmin) {
      throw conflict('В компании должен остаться хотя бы один активный администратор', [
        { path: patch.active === false ? 'body.active' : 'body.role', message: 'Это последний администратор' },
      ])
    }
    if (Object.values(patch).some((v) => v !== undefined)) await tx.update(users).set(patch).where(eq(users.id, userId))
    return getUserRow(tx, companyId, userId)
  })
}

/** A new temporary password; every session of the user ends (their tokens carry the old version). */
export async function resetPassword(db: Db, companyId: string, userId: string) {
  const password = temporaryPassword()
  const [row] = await db
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      tokenVersion: sql`${users.tokenVersion} + 1`,
    })
    .where(and(eq(users.id, userId), eq(users.companyId, companyId)))
    .returning({ id: users.id })
  if (!row) throw userNotFound()
  return { user: await getUserRow(db, companyId, userId), temporaryPassword: password }
}
