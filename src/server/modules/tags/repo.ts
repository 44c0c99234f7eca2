import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Tag, TagCreateInput, TagPatchInput } from '@shared/tags'

type NewTag = Omit<TagCreateInput, 'tag' | 'name'> & { name: string }
import type { Db } from '../../db/client'
import { clientTags, sessionTags, tags } from '../../db/schema'
import { iso, isoOrNull, isUniqueViolation } from '../../db/sql-helpers'
import { conflict, notFound } from '../../http/errors'
import { findTagGroup } from './groups-repo'

/** Client tags and session tags are two catalogs in one table, told apart by `kind`. */
export type TagKind = (typeof tags.$inferSelect)['kind']
export type TagRow = typeof tags.$inferSelect

/** How many clients (or sessions) carry the tag; a tag only ever sits in the link table of its own kind. */
export const usageCount = (kind: TagKind) => {
  const link = kind === 'client' ? clientTags : sessionTags
  return sql<number>`(SELECT count(*) FROM ${link} WHERE ${link.tagId} = ${tags.id})`.mapWith(Number)
}

export const toTag = (row: TagRow, usage: number): Tag => ({
  id: row.id,
  name: row.name,
  color: row.color,
  description: row.description,
  groupId: row.groupId,
  archivedAt: isoOrNull(row.archivedAt),
  createdAt: iso(row.createdAt),
  usageCount: usage,
})

const ofCatalog = (companyId: string, kind: TagKind) => and(eq(tags.companyId, companyId), eq(tags.kind, kind))

/** Active tags first, then by name; archived ones only when asked for (the catalog page, not the pickers). */
export async function listTags(db: Db, companyId: string, kind: TagKind, includeArchived = false) {
  const rows = await db
    .select({ tag: tags, usage: usageCount(kind) })
    .from(tags)
    .where(and(ofCatalog(companyId, kind), includeArchived ? undefined : isNull(tags.archivedAt)))
    .orderBy(sql`${tags.archivedAt} IS NOT NULL`, sql`lower(${tags.name})`, tags.id)
  return { count: rows.length, items: rows.map((r) => toTag(r.tag, r.usage)) }
}

/** Another company's tag and a tag of the other catalog are both simply not found (contract: 404). */
export async function findTagRow(db: Db, companyId: string, kind: TagKind, tagId: string) {
  const [row] = await db
    .select()
    .from(tags)
    .where(and(ofCatalog(companyId, kind), eq(tags.id, tagId)))
  if (!row) throw notFound('Тег не найден')
  return row
}

async function getTag(db: Db, companyId: string, kind: TagKind, tagId: string) {
  const [row] = await db
    .select({ tag: tags, usage: usageCount(kind) })
    .from(tags)
    .where(and(ofCatalog(companyId, kind), eq(tags.id, tagId)))
  if (!row) throw notFound('Тег не найден')
  return toTag(row.tag, row.usage)
}

// The unique index on (company, kind, lower(name)) is the one judge of duplicates, so two panels
// creating the same name at once cannot both win.
const duplicateName = (path: string) => (err: unknown) => {
  throw isUniqueViolation(err) ? conflict('Такой тег уже есть', [{ path, message: 'Такой тег уже есть' }]) : err
}

const description = (value: string | null | undefined) => (value === undefined ? undefined : value || null)

/** `field` is where the name came from (`body.tag`, `querystring.tag` …): a duplicate is reported there. */
export async function createTag({
  db,
  companyId,
  kind,
  input,
  field,
}: {
  db: Db
  companyId: string
  kind: TagKind
  input: NewTag
  field: string
}) {
  if (input.groupId) await findTagGroup({ db, companyId, kind, groupId: input.groupId, path: 'body.groupId' })
  const [row] = await db
    .insert(tags)
    .values({
      companyId,
      kind,
      name: input.name,
      color: input.color,
      description: description(input.description),
      groupId: input.groupId ?? null,
    })
    .returning()
    .catch(duplicateName(field))
  return toTag(row!, 0)
}

export async function updateTag({
  db,
  companyId,
  kind,
  tagId,
  patch,
}: {
  db: Db
  companyId: string
  kind: TagKind
  tagId: string
  patch: TagPatchInput
}) {
  if (patch.groupId) await findTagGroup({ db, companyId, kind, groupId: patch.groupId, path: 'body.groupId' })
  const set = {
    name: patch.name,
    groupId: patch.groupId,
    color: patch.color,
    description: description(patch.description),
    // Archiving twice keeps the first date; restoring clears it.
    archivedAt:
      patch.archived === undefined ? undefined : patch.archived ? sql`coalesce(${tags.archivedAt}, now())` : null,
  }
  if (Object.values(set).some((v) => v !== undefined)) {
    const [row] = await db
      .update(tags)
      .set(set)
      .where(and(ofCatalog(companyId, kind), eq(tags.id, tagId)))
      .returning({ id: tags.id })
      .catch(duplicateName('body.name'))
    if (!row) throw notFound('Тег не найден')
  }
  return getTag(db, companyId, kind, tagId)
}
