import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { checkAttributeValue } from '@shared/attributes'
import type { Role } from '@shared/common'
import {
  MAX_TEMPLATES,
  type Template,
  type TemplateInput,
  type TemplateListQuery,
  type TemplatePatch,
} from '@shared/templates'
import type { Db } from '../../db/client'
import { attributes, operatorGroupMembers, sessions, tags, templates, templateUses, users } from '../../db/schema'
import { rowsOf } from '../../db/raw'
import { iso, isUniqueViolation, likePattern } from '../../db/sql-helpers'
import { badRequest, conflict, forbidden, notFound } from '../../http/errors'
import { phoneRule } from '../accounts'
import { sees } from '../cards'
import { problemsOf, shownBody, storedBody, type CatalogAttribute } from './variables'

// Templates as people keep them: shared ones (supervisors and admins) and each person's own, with the
// macro's actions checked against the catalogs when saved.

type Row = typeof templates.$inferSelect
export interface Caller {
  companyId: string
  userId: string
  role: Role
}

const ALL_ROLES: Role[] = ['operator', 'supervisor', 'admin']
/** Who will use a template: its owner, or everyone. */
const usersOf = (personal: boolean, role: Role) => (personal ? [role] : ALL_ROLES)
const mayManageShared = (role: Role) => role !== 'operator'

export async function catalogOf(db: Db, companyId: string) {
  const rows = await db
    .select({
      id: attributes.id,
      name: attributes.name,
      type: attributes.type,
      options: attributes.options,
      visibleTo: attributes.visibleTo,
      archived: sql<boolean>`${attributes.archivedAt} IS NOT NULL`,
    })
    .from(attributes)
    .where(eq(attributes.companyId, companyId))
  return new Map<string, CatalogAttribute>(rows.map((a) => [a.id, a]))
}

/** The templates the caller sees: the company's shared ones and their own. */
const seenBy = (c: Caller) =>
  and(eq(templates.companyId, c.companyId), sql`(${templates.ownerId} IS NULL OR ${templates.ownerId} = ${c.userId})`)!

/** SQL: the template may be used by the caller in a dialogue of this chat (null: a dialogue without one). */
export const usableIn = (c: Caller, chatId: SQL | string | null) =>
  sql`(cardinality(${templates.chatIds}) = 0 OR ${chatId}::uuid = ANY(${templates.chatIds}))
    AND (cardinality(${templates.groupIds}) = 0 OR ${templates.groupIds} && ARRAY(
      SELECT ${operatorGroupMembers.groupId} FROM ${operatorGroupMembers} WHERE ${operatorGroupMembers.userId} = ${c.userId}))`

async function toTemplates(db: Db, c: Caller, rows: Row[]): Promise<Template[]> {
  if (rows.length === 0) return []
  const catalog = await catalogOf(db, c.companyId)
  const tagIds = [...new Set(rows.flatMap((r) => [...r.actions.clientTagIds, ...r.actions.sessionTagIds]))]
  const tagNames = new Map(
    tagIds.length
      ? (await db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, tagIds))).map((t) => [
          t.id,
          t.name,
        ])
      : [],
  )
  const mine = new Map(
    (
      await db
        .select({ id: templateUses.templateId, n: sql<number>`count(*)::int` })
        .from(templateUses)
        .where(
          and(
            eq(templateUses.userId, c.userId),
            inArray(
              templateUses.templateId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .groupBy(templateUses.templateId)
    ).map((u) => [u.id, u.n]),
  )
  const tagList = (ids: string[]) => ids.flatMap((id) => (tagNames.has(id) ? [{ id, name: tagNames.get(id)! }] : []))
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    code: r.code,
    body: shownBody(r.body, catalog),
    folder: r.folder,
    personal: r.ownerId !== null,
    chatIds: r.chatIds,
    groupIds: r.groupIds,
    actions: {
      clientTags: tagList(r.actions.clientTagIds),
      sessionTags: tagList(r.actions.sessionTagIds),
      values: r.actions.values.map((v) => ({ ...v, name: catalog.get(v.attributeId)?.name ?? v.attributeId })),
    },
    usage: r.uses,
    myUsage: mine.get(r.id) ?? 0,
    problems: [
      ...problemsOf(r.body, catalog),
      ...r.actions.values.flatMap((v) =>
        catalog.get(v.attributeId)?.archived ? [`Параметр «${catalog.get(v.attributeId)!.name}» в архиве`] : [],
      ),
    ],
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }))
}

export async function listTemplates(db: Db, c: Caller, q: TemplateListQuery) {
  let chat: { chatId: string | null } | undefined
  if (q.sessionId) {
    ;[chat] = await db
      .select({ chatId: sessions.chatId })
      .from(sessions)
      .where(and(eq(sessions.id, q.sessionId), eq(sessions.companyId, c.companyId)))
    if (!chat) throw notFound('Диалог не найден')
  }
  const pattern = q.q ? likePattern(q.q) : null
  const rows = await db
    .select()
    .from(templates)
    .where(
      and(
        seenBy(c),
        chat ? usableIn(c, chat.chatId) : undefined,
        pattern
          ? sql`(${templates.name} ILIKE ${pattern} OR ${templates.code} ILIKE ${pattern} OR ${templates.body} ILIKE ${pattern})`
          : undefined,
      ),
    )
    .orderBy(...(q.sort === 'name' ? [] : [sql`${templates.uses} DESC`]), sql`lower(${templates.name})`, templates.id)
  return { items: await toTemplates(db, c, rows) }
}

/** A template the caller sees; another's personal one, or another company's, is 404. */
export async function findTemplate(db: Db, c: Caller, templateId: string) {
  const [row] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.id, templateId), seenBy(c)))
  if (!row) throw notFound('Шаблон не найден')
  return row
}

export const getTemplate = async (db: Db, c: Caller, templateId: string) =>
  (await toTemplates(db, c, [await findTemplate(db, c, templateId)]))[0]!

/** The macro's actions, checked: tags of the company of the right kind and not archived; values that fit their parameter. */
async function checkedActions(db: Db, c: Caller, input: TemplateInput['actions'], users: Role[]) {
  const actions = input ?? { clientTagIds: [], sessionTagIds: [], values: [] }
  for (const kind of ['client', 'session'] as const) {
    const ids = kind === 'client' ? actions.clientTagIds : actions.sessionTagIds
    if (ids.length === 0) continue
    const found = await db
      .select({ id: tags.id })
      .from(tags)
      .where(
        and(
          eq(tags.companyId, c.companyId),
          eq(tags.kind, kind),
          inArray(tags.id, ids),
          sql`${tags.archivedAt} IS NULL`,
        ),
      )
    const missing = ids.findIndex((id) => !found.some((t) => t.id === id))
    if (missing >= 0) {
      throw badRequest(`body.actions.${kind}TagIds.${missing}`, 'Нет такого тега (или он в архиве)')
    }
  }
  const catalog = await catalogOf(db, c.companyId)
  const phone = actions.values.length ? await phoneRule(db, c.companyId) : undefined
  const values = actions.values.map((v, i) => {
    const a = catalog.get(v.attributeId)
    const path = `body.actions.values.${i}`
    if (!a || a.archived || users.some((role) => !sees(a.visibleTo, role)))
      throw badRequest(
        `${path}.attributeId`,
        'Нет такого параметра, или он скрыт от тех, кто будет пользоваться шаблоном',
      )
    const checked = checkAttributeValue(a.type, a.options, v.value, phone)
    if (!checked.ok) throw badRequest(`${path}.value`, checked.error)
    return { attributeId: a.id, value: checked.value! }
  })
  return { clientTagIds: actions.clientTagIds, sessionTagIds: actions.sessionTagIds, values }
}

const duplicateCode = (code: string) =>
  conflict(`Код ${code} уже занят`, [{ path: 'body.code', message: 'выберите другой код' }])

/** A code the caller would see twice: a shared one, or one of their own. */
async function checkCodeFree(
  db: Db,
  c: Caller,
  { code, personal, except }: { code: string; personal: boolean; except?: string },
) {
  const [taken] = await db
    .select({ id: templates.id })
    .from(templates)
    .where(
      and(
        eq(templates.companyId, c.companyId),
        eq(templates.code, code),
        except ? sql`${templates.id} <> ${except}` : undefined,
        // A shared code must be free of everyone's own; one's own, of shared ones and one's other own.
        personal ? sql`(${templates.ownerId} IS NULL OR ${templates.ownerId} = ${c.userId})` : undefined,
      ),
    )
    .limit(1)
  if (taken) throw duplicateCode(code)
}

export async function createTemplate(db: Db, c: Caller, input: TemplateInput) {
  if (!input.personal && !mayManageShared(c.role)) throw forbidden()
  if ((await db.$count(templates, eq(templates.companyId, c.companyId))) >= MAX_TEMPLATES)
    throw conflict(`Шаблонов в компании не больше ${MAX_TEMPLATES}`)
  const users = usersOf(input.personal, c.role)
  const body = storedBody(input.body, [...(await catalogOf(db, c.companyId)).values()], users)
  const actions = await checkedActions(db, c, input.actions, users)
  await checkCodeFree(db, c, { code: input.code, personal: input.personal })
  try {
    const [row] = await db
      .insert(templates)
      .values({
        companyId: c.companyId,
        ownerId: input.personal ? c.userId : null,
        name: input.name,
        code: input.code,
        body,
        folder: input.folder || null,
        chatIds: input.chatIds,
        groupIds: input.groupIds,
        actions,
        createdBy: c.userId,
      })
      .returning()
    return (await toTemplates(db, c, [row!]))[0]!
  } catch (err) {
    throw isUniqueViolation(err) ? duplicateCode(input.code) : err
  }
}

/** A template the caller may change: their own, or a shared one for supervisors and admins. */
async function findManaged(db: Db, c: Caller, templateId: string) {
  const row = await findTemplate(db, c, templateId)
  if (row.ownerId === null && !mayManageShared(c.role)) throw forbidden()
  return row
}

export async function updateTemplate(db: Db, c: Caller, templateId: string, patch: TemplatePatch) {
  const row = await findManaged(db, c, templateId)
  const personal = row.ownerId !== null
  const users = usersOf(personal, c.role)
  const body =
    patch.body !== undefined
      ? storedBody(patch.body, [...(await catalogOf(db, c.companyId)).values()], users)
      : undefined
  const actions = patch.actions !== undefined ? await checkedActions(db, c, patch.actions, users) : undefined
  if (patch.code !== undefined) await checkCodeFree(db, c, { code: patch.code, personal, except: templateId })
  try {
    const [updated] = await db
      .update(templates)
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.code !== undefined && { code: patch.code }),
        ...(body !== undefined && { body }),
        ...(patch.folder !== undefined && { folder: patch.folder || null }),
        ...(patch.chatIds !== undefined && { chatIds: patch.chatIds }),
        ...(patch.groupIds !== undefined && { groupIds: patch.groupIds }),
        ...(actions !== undefined && { actions }),
        updatedAt: sql`now()`,
      })
      .where(eq(templates.id, templateId))
      .returning()
    return (await toTemplates(db, c, [updated!]))[0]!
  } catch (err) {
    throw isUniqueViolation(err) ? duplicateCode(patch.code!) : err
  }
}

export async function deleteTemplate(db: Db, c: Caller, templateId: string) {
  const row = await findManaged(db, c, templateId)
  await db.delete(templates).where(eq(templates.id, templateId))
  return row
}

/** Supervisors' report: each shared template's uses, by operator; never-used ones have 0. */
export async function templateUsage(db: Db, c: Caller) {
  if (!mayManageShared(c.role)) throw forbidden()
  const [t, x, u] = [alias(templates, 't'), alias(templateUses, 'x'), alias(users, 'u')]
  const rows = await rowsOf<{
    id: string
    name: string
    code: string
    usage: number
    last_used_at: Date | string | null
    by_operator: { userId: string; name: string; count: number }[]
  }>(
    db,
    sql`SELECT ${t.id} AS id, ${t.name} AS name, ${t.code} AS code, ${t.uses} AS usage,
      (SELECT max(${x.usedAt}) FROM ${templateUses} x WHERE ${x.templateId} = ${t.id}) AS last_used_at,
      coalesce((SELECT json_agg(json_build_object('userId', ${u.id}, 'name', ${u.name}, 'count', n.count) ORDER BY n.count DESC, ${u.name})
        FROM (SELECT ${x.userId} AS user_id, count(*)::int AS count FROM ${templateUses} x WHERE ${x.templateId} = ${t.id}
          GROUP BY ${x.userId}) n JOIN ${users} u ON ${u.id} = n.user_id), '[]') AS by_operator
    FROM ${templates} t WHERE ${t.companyId} = ${c.companyId} AND ${t.ownerId} IS NULL
    ORDER BY ${t.uses} DESC, lower(${t.name})`,
  )
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      code: r.code,
      usage: r.usage,
      lastUsedAt: r.last_used_at && iso(r.last_used_at),
      byOperator: r.by_operator,
    })),
  }
}
