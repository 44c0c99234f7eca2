import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { OperatorGroup, OperatorGroupInput, OperatorGroupPatch } from '@shared/operator-groups'
import type { Db } from '../../db/client'
import { operatorGroupMembers, operatorGroups, sessions, users } from '../../db/schema'
import { iso, isUniqueViolation } from '../../db/sql-helpers'
import { badRequest, conflict, notFound } from '../../http/errors'
import { presentStatus } from './operators-repo'

const groupNotFound = () => notFound('Группа не найдена')
const duplicateName = (err: unknown) => {
  throw isUniqueViolation(err)
    ? conflict('Группа с таким названием уже есть', [{ path: 'body.name', message: 'уже есть' }])
    : err
}

export async function listGroups(db: Db, companyId: string, groupId?: string): Promise<OperatorGroup[]> {
  const groups = await db
    .select()
    .from(operatorGroups)
    .where(and(eq(operatorGroups.companyId, companyId), groupId ? eq(operatorGroups.id, groupId) : undefined))
    .orderBy(asc(operatorGroups.name))
  if (groups.length === 0) return []
  const members = await db
    .select({ groupId: operatorGroupMembers.groupId, userId: users.id, status: presentStatus })
    .from(operatorGroupMembers)
    .innerJoin(users, eq(users.id, operatorGroupMembers.userId))
    .where(
      inArray(
        operatorGroupMembers.groupId,
        groups.map((g) => g.id),
      ),
    )
    .orderBy(users.name)
  return groups.map((g) => {
    const mine = members.filter((m) => m.groupId === g.id)
    return {
      id: g.id,
      name: g.name,
      memberIds: mine.map((m) => m.userId),
      onlineCount: mine.filter((m) => m.status === 'online').length,
      timerFirstAnswer: g.timerFirstAnswer,
      timerNextAnswers: g.timerNextAnswers,
      createdAt: iso(g.createdAt),
    }
  })
}

export async function getGroup(db: Db, companyId: string, groupId: string) {
  const [group] = await listGroups(db, companyId, groupId)
  if (!group) throw groupNotFound()
  return group
}

/** Members must be users of the company: another company's id is refused like a made-up one. */
async function setMembers(db: Db, companyId: string, groupId: string, memberIds: string[]) {
  const ids = [...new Set(memberIds)]
  const known = ids.length
    ? await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.companyId, companyId), inArray(users.id, ids)))
    : []
  const unknown = ids.find((id) => !known.some((k) => k.id === id))
  if (unknown) throw badRequest('body.memberIds', `Пользователь ${unknown} не найден`)
  await db.delete(operatorGroupMembers).where(eq(operatorGroupMembers.groupId, groupId))
  if (ids.length) await db.insert(operatorGroupMembers).values(ids.map((userId) => ({ groupId, userId, companyId })))
}

export async function createGroup(db: Db, companyId: string, input: OperatorGroupInput) {
  const id = await db.transaction(async (t) => {
    const tx = t as unknown as Db
    const { memberIds, ...fields } = input
    const [group] = await tx
      .insert(operatorGroups)
      .values({ companyId, ...fields })
      .returning({ id: operatorGroups.id })
      .catch(duplicateName)
    await setMembers(tx, companyId, group!.id, memberIds)
    return group!.id
  })
  return getGroup(db, companyId, id)
}

export async function updateGroup(db: Db, companyId: string, groupId: string, patch: OperatorGroupPatch) {
  await db.transaction(async (t) => {
    const tx = t as unknown as Db
    const { memberIds, ...fields } = patch
    const [row] = await tx
      .update(operatorGroups)
      .set({ ...fields, updatedAt: new Date() })
      .where(and(eq(operatorGroups.id, groupId), eq(operatorGroups.companyId, companyId)))
      .returning({ id: operatorGroups.id })
      .catch(duplicateName)
    if (!row) throw groupNotFound()
    if (memberIds) await setMembers(tx, companyId, groupId, memberIds)
  })
  return getGroup(db, companyId, groupId)
}

export async function deleteGroup(db: Db, companyId: string, groupId: string) {
  const [row] = await db
    .delete(operatorGroups)
    .where(and(eq(operatorGroups.id, groupId), eq(operatorGroups.companyId, companyId)))
    .returning({ id: operatorGroups.id })
  if (!row) throw groupNotFound()
}

/**
 * Who takes a dialogue passed to the group: the online member with the fewest open dialogues, then by
 * name. No member online (or none at all) is a 409 that says so.
 */
export async function leastLoadedMember(db: Db, companyId: string, groupId: string) {
  const group = await getGroup(db, companyId, groupId)
  if (group.memberIds.length === 0) throw conflict(`В группе «${group.name}» нет операторов`)
  const load = sql<number>`(SELECT count(*) FROM ${sessions} WHERE ${sessions.operatorId} = ${users.id}
    AND ${sessions.status} = 'open' AND NOT ${sessions.markedAsSpam})`.mapWith(Number)
  const [member] = await db
    .select({ id: users.id, name: users.name, load })
    .from(users)
    .where(and(inArray(users.id, group.memberIds), sql`${presentStatus} = 'online'`))
    .orderBy(load, users.name)
    .limit(1)
  if (!member) throw conflict(`В группе «${group.name}» сейчас нет операторов на связи`)
  return { group, member }
}
