import { and, eq, sql } from 'drizzle-orm'
import type { TagGroup, TagGroupInput } from '@shared/tags'
import type { Db } from '../../db/client'
import { tagGroups } from '../../db/schema'
import { iso, isUniqueViolation } from '../../db/sql-helpers'
import { badRequest, conflict, notFound } from '../../http/errors'
import type { TagKind } from './repo'

type GroupRow = typeof tagGroups.$inferSelect

const toGroup = (r: GroupRow): TagGroup => ({
  id: r.id,
  name: r.name,
  single: r.single,
  requiredToClose: r.requiredToClose,
  createdAt: iso(r.createdAt),
})
const ofCatalog = (companyId: string, kind: TagKind) =>
  and(eq(tagGroups.companyId, companyId), eq(tagGroups.kind, kind))
const duplicate = (err: unknown) => {
  throw isUniqueViolation(err)
    ? conflict('Такая группа уже есть', [{ path: 'body.name', message: 'Такая группа уже есть' }])
    : err
}
/** Only a dialogue waits for a tag before closing: a client has no close. */
const checkRequired = (kind: TagKind, input: TagGroupInput) => {
  if (kind === 'client' && input.requiredToClose)
    throw badRequest('body.requiredToClose', 'Обязательной при закрытии бывает только группа тегов сессии')
}

export async function listTagGroups(db: Db, companyId: string, kind: TagKind) {
  const rows = await db
    .select()
    .from(tagGroups)
    .where(ofCatalog(companyId, kind))
    .orderBy(sql`lower(${tagGroups.name})`, tagGroups.id)
  return { items: rows.map(toGroup) }
}

/** The group of this catalog, else a 400 on `path` (a tag's `groupId`) or a 404 (the group's own route). */
export async function findTagGroup({
  db,
  companyId,
  kind,
  groupId,
  path,
}: {
  db: Db
  companyId: string
  kind: TagKind
  groupId: string
  path?: string
}) {
  const [row] = await db
    .select()
    .from(tagGroups)
    .where(and(ofCatalog(companyId, kind), eq(tagGroups.id, groupId)))
  if (!row) throw path ? badRequest(path, 'Группа тегов не найдена') : notFound('Группа тегов не найдена')
  return row
}

export async function createTagGroup(
  db: Db,
  companyId: string,
  kind: TagKind,
  input: TagGroupInput & { name: string },
) {
  checkRequired(kind, input)
  const [row] = await db
    .insert(tagGroups)
    .values({ companyId, kind, ...input })
    .returning()
    .catch(duplicate)
  return toGroup(row!)
}

export async function updateTagGroup({
  db,
  companyId,
  kind,
  groupId,
  patch,
}: {
  db: Db
  companyId: string
  kind: TagKind
  groupId: string
  patch: TagGroupInput
}) {
  checkRequired(kind, patch)
  await findTagGroup({ db, companyId, kind, groupId })
  const [row] = await db.update(tagGroups).set(patch).where(eq(tagGroups.id, groupId)).returning().catch(duplicate)
  return toGroup(row!)
}

/** The group goes; its tags stay, without a group. */
export async function deleteTagGroup(db: Db, companyId: string, kind: TagKind, groupId: string) {
  await findTagGroup({ db, companyId, kind, groupId })
  await db.delete(tagGroups).where(eq(tagGroups.id, groupId))
}
