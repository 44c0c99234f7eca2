import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import {
  hasOptions,
  OPTIONS_NOT_ALLOWED,
  OPTIONS_REQUIRED,
  type Attribute,
  type AttributeInput,
  type AttributeListQuery,
  type AttributePatch,
} from '@shared/attributes'
import type { Role } from '@shared/common'
import type { Actor } from '../../http/actor'
import type { Db, Tx } from '../../db/client'
import { attributes, attributeValues, chats, companies } from '../../db/schema'
import { bare, iso, isoOrNull, isUniqueViolation } from '../../db/sql-helpers'
import { badRequest, conflict } from '../../http/errors'
import { attributeNotFound, renamedOptions, rewriteStoredOptions, visibleRoles, visibleTo } from '../cards'

type AttributeRow = typeof attributes.$inferSelect

const DUPLICATE = 'Такой параметр уже есть'
const duplicateName = (archived: boolean) =>
  conflict(DUPLICATE, [
    {
      path: 'body.name',
      message: archived ? `${DUPLICATE} в архиве: восстановите его` : DUPLICATE,
    },
  ])
// The unique index on lower(name) is the backstop if two writers ever slip past the check below.
const rethrowDuplicate = (err: unknown) => {
  throw isUniqueViolation(err) ? duplicateName(false) : err
}

const toAttribute = (row: AttributeRow, usageCount: number): Attribute => ({
  id: row.id,
  name: row.name,
  type: row.type,
  options: row.options,
  description: row.description,
  position: row.position,
  pinned: row.pinned,
  requiredToClose: row.requiredToClose,
  requiredChatIds: row.requiredChatIds,
  visibleTo: row.visibleTo,
  editableBy: row.editableBy,
  archivedAt: isoOrNull(row.archivedAt),
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  usageCount,
})

async function selectAttributes(db: Db, companyId: string, where?: SQL) {
  // Per attribute, so it is answered from the (attribute_id, value) index. A cleared value keeps its
  // row (value NULL) for the version: it is not a use.
  const usageCount = sql<number>`(SELECT count(*) FROM ${attributeValues}
    WHERE ${attributeValues.attributeId} = ${attributes.id} AND ${attributeValues.value} IS NOT NULL)`.mapWith(Number)
  const rows = await db
    .select({ row: attributes, usageCount })
    .from(attributes)
    .where(and(eq(attributes.companyId, companyId), where))
    .orderBy(asc(attributes.position), asc(attributes.createdAt))
  return rows.map((r) => toAttribute(r.row, r.usageCount))
}

/** A page of a whole list; without `limit` the whole of it (see attributeListQuerySchema). */
export const page = <T>(all: T[], q: AttributeListQuery) => ({
  count: all.length,
  items: all.slice(q.offset ?? 0, q.limit === undefined ? undefined : (q.offset ?? 0) + q.limit),
})

/** The catalog as this role sees it: a parameter hidden from the role is not in it. */
export async function listAttributes(
  db: Db,
  companyId: string,
  role: Role,
  q: AttributeListQuery & { includeArchived?: boolean },
) {
  const shown = and(
    q.includeArchived ? undefined : isNull(attributes.archivedAt),
    visibleTo(role, sql`${attributes.visibleTo}`),
  )
  return page(await selectAttributes(db, companyId, shown), q)
}

export async function getAttribute(db: Db, companyId: string, attributeId: string, role: Role = 'admin') {
  const [item] = await selectAttributes(
    db,
    companyId,
    and(eq(attributes.id, attributeId), visibleTo(role, sql`${attributes.visibleTo}`)),
  )
  if (!item) throw attributeNotFound()
  return item
}

/**
 * Catalog writes of one company take turns, so the name check and the positions stay consistent with
 * two admins at work. NO KEY UPDATE rather than UPDATE: rows elsewhere that reference the company
 * (their foreign key checks take KEY SHARE) are not held up.
 */
async function lockCatalog(tx: Tx, companyId: string) {
  await tx.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId)).for('no key update')
  return tx
    .select()
    .from(attributes)
    .where(eq(attributes.companyId, companyId))
    .orderBy(asc(attributes.position), asc(attributes.createdAt))
}

// Compared here rather than only by the index: lower() in a database with the C locale folds ASCII only.
function assertNameFree(catalog: AttributeRow[], name: string, exceptId?: string) {
  const taken = catalog.find((a) => a.id !== exceptId && a.name.toLowerCase() === name.toLowerCase())
  if (taken) throw duplicateName(taken.archivedAt !== null)
}

/** The channels a parameter is required in: this company's chats, each named once. */
async function checkChats(tx: Tx, companyId: string, ids: string[] | undefined) {
  if (!ids?.length) return ids && []
  const unique = [...new Set(ids)]
  const found = new Set(
    (
      await tx
        .select({ id: chats.id })
        .from(chats)
        .where(and(eq(chats.companyId, companyId), inArray(chats.id, unique)))
    ).map((c) => c.id),
  )
  const missing = ids.findIndex((id) => !found.has(id))
  if (missing >= 0) throw badRequest(`body.requiredChatIds.${missing}`, 'Канал не найден')
  return unique
}

export async function createAttribute(db: Db, companyId: string, input: AttributeInput) {
  const id = await db
    .transaction(async (tx) => {
      const catalog = await lockCatalog(tx, companyId)
      assertNameFree(catalog, input.name)
      const requiredChatIds = await checkChats(tx, companyId, input.requiredChatIds)
      const [row] = await tx
        .insert(attributes)
        .values({
          companyId,
          name: input.name,
          type: input.type,
          options: hasOptions(input.type) ? input.options : [],
          description: input.description || null,
          pinned: input.pinned ?? false,
          requiredToClose: input.requiredToClose ?? false,
          requiredChatIds: requiredChatIds ?? [],
          editableBy: input.editableBy ?? 'all',
          visibleTo: visibleRoles(input.visibleTo, input.editableBy ?? 'all'),
          position: catalog.reduce((end, a) => Math.max(end, a.position + 1), 0),
        })
        .returning({ id: attributes.id })
      return row!.id
    })
    .catch(rethrowDuplicate)
  return getAttribute(db, companyId, id)
}

/** Moves one attribute to `target` and renumbers the catalog 0..n-1 in one statement. */
async function move(tx: Tx, catalog: AttributeRow[], attributeId: string, target: number) {
  const order = catalog.filter((a) => a.id !== attributeId)
  order.splice(
    Math.min(target, order.length),
    0,
    catalog.find((a) => a.id === attributeId)!,
  )
  const changes = order.flatMap((a, pos) => (a.position === pos ? [] : [{ id: a.id, pos }]))
  if (changes.length === 0) return
  await tx.execute(sql`UPDATE ${attributes} SET ${bare(attributes.position)} = v.pos, ${bare(attributes.updatedAt)} = now()
    FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS v(id uuid, pos int) WHERE ${attributes.id} = v.id`)
}

export async function updateAttribute(db: Db, actor: Actor, attributeId: string, patch: AttributePatch) {
  const { companyId } = actor
  await db
    .transaction(async (tx) => {
      const catalog = await lockCatalog(tx, companyId)
      const current = catalog.find((a) => a.id === attributeId)
      if (!current) throw attributeNotFound()
      if (patch.name !== undefined) assertNameFree(catalog, patch.name, attributeId)
      const requiredChatIds = await checkChats(tx, companyId, patch.requiredChatIds)
      const listed = hasOptions(current.type)
      if (!listed && (patch.options?.length || patch.optionRenames?.length)) {
        throw badRequest(patch.options?.length ? 'body.options' : 'body.optionRenames', OPTIONS_NOT_ALLOWED)
      }
      if (listed && patch.options?.length === 0) throw badRequest('body.options', OPTIONS_REQUIRED)
      const renames = patch.optionRenames ?? []
      const options = listed && renames.length ? renamedOptions(current.options, renames, patch.options) : patch.options
      await rewriteStoredOptions(tx, actor, current, renames)
      if (patch.position !== undefined) await move(tx, catalog, attributeId, patch.position)
      const archivedAt =
        patch.archived === undefined ? undefined : patch.archived ? (current.archivedAt ?? new Date()) : null
      await tx
        .update(attributes)
        .set({
          name: patch.name,
          options: listed ? options : undefined,
          description: patch.description === undefined ? undefined : patch.description || null,
          pinned: patch.pinned,
          requiredToClose: patch.requiredToClose,
          requiredChatIds,
          editableBy: patch.editableBy,
          visibleTo:
            patch.visibleTo || patch.editableBy
              ? visibleRoles(patch.visibleTo ?? current.visibleTo, patch.editableBy ?? current.editableBy)
              : undefined,
          archivedAt,
          updatedAt: new Date(),
        })
        .where(eq(attributes.id, attributeId))
    })
    .catch(rethrowDuplicate)
  return getAttribute(db, companyId, attributeId)
}
