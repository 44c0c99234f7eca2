import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import {
  canEdit,
  checkAttributeValue,
  type AttributeEditor,
  type AttributeListQuery,
  type ClientAttribute,
} from '@shared/attributes'
import { type ListQuery, NOT_COUNTED, type Role } from '@shared/common'
import type { Actor } from '../../http/actor'
import type { Db } from '../../db/client'
import { attributeHistory, attributes, attributeValues, users } from '../../db/schema'
import { iso, isoOrNull, isoSql } from '../../db/sql-helpers'
import { badRequest, conflict } from '../../http/errors'
import { preparedRows } from '../../db/raw'
import { writeCardChanges } from './card-write'
import { attributeCheckSql } from './card-write-sql'
import { assertCardOpen, clientNotFound, resolveClientId, resolvedClientSql } from './client-repo'
import { phoneRule } from '../accounts'
import { attributeNotFound, canEditSql, findAttributeRow, sees, visibleTo, writeSource } from './access'

type AttributeRow = typeof attributes.$inferSelect
type ValueRow = typeof attributeValues.$inferSelect
type Row = {
  attribute: Pick<
    AttributeRow,
    'id' | 'name' | 'type' | 'options' | 'description' | 'position' | 'pinned' | 'editableBy'
  >
  value: Pick<ValueRow, 'value' | 'version' | 'updatedAt'> | null
  by: { id: string; name: string } | null
}

/**
 * A parameter of the card as the API answers it, from its rows. The card's whole list is written by the
 * database (cardSql) in the same shape; test/server/json-bodies.test.ts holds both to the contract.
 */
const toClientAttribute = ({ attribute: a, value: v, by }: Row, role: Role): ClientAttribute => ({
  id: a.id,
  name: a.name,
  type: a.type,
  options: a.options,
  description: a.description,
  position: a.position,
  pinned: a.pinned,
  editableBy: a.editableBy,
  canEdit: canEdit(a.editableBy, role),
  value: v?.value ?? null,
  version: v?.version ?? 0,
  updatedAt: isoOrNull(v?.updatedAt ?? null),
  updatedBy: by,
})

const selectClientAttributes = (db: Db, companyId: string, clientId: string, where: SQL) =>
  db
    .select({ attribute: attributes, value: attributeValues, by: { id: users.id, name: users.name } })
    .from(attributes)
    .leftJoin(
      attributeValues,
      and(eq(attributeValues.attributeId, attributes.id), eq(attributeValues.clientId, clientId)),
    )
    .leftJoin(users, eq(users.id, attributeValues.updatedBy))
    .where(and(eq(attributes.companyId, companyId), where))
    .orderBy(asc(attributes.position), asc(attributes.createdAt))

/**
 * The card's whole response body, `{count, items}`, built as JSON text by the database in one statement:
 * the client resolved, the catalog the role sees and the client's values. No client, no row.
 */
/** The card's tables as cardSql aliases them, made once. */
const card = { a: alias(attributes, 'a'), v: alias(attributeValues, 'v'), u: alias(users, 'u') }

export const cardSql = (companyId: string, idOrExternal: string, role: Role, q: AttributeListQuery = {}) => {
  const { a, v, u } = card
  return sql`
  WITH c AS (${resolvedClientSql(companyId, idOrExternal)}),
  card AS (SELECT ${a.id} AS id, ${a.name} AS name, ${a.type} AS type, ${a.options} AS options, ${a.description} AS description,
      ${a.position} AS position, ${a.pinned} AS pinned, ${a.editableBy} AS editable_by, ${canEditSql(role)} AS can_edit,
      ${v.value} AS value, ${v.version} AS version, ${v.updatedAt} AS updated_at, ${u.id} AS by_id, ${u.name} AS by_name,
      row_number() OVER (ORDER BY ${a.position}, ${a.createdAt}) AS n
    FROM c JOIN ${attributes} a ON ${a.companyId} = ${companyId} AND ${a.archivedAt} IS NULL AND ${visibleTo(role)}
    LEFT JOIN ${attributeValues} v ON ${v.attributeId} = ${a.id} AND ${v.clientId} = c.id
    LEFT JOIN ${users} u ON ${u.id} = ${v.updatedBy})
  SELECT json_build_object('count', (SELECT count(*) FROM card), 'items', coalesce((SELECT json_agg(json_build_object(
      'id', id, 'name', name, 'type', type, 'options', options, 'description', description, 'position', position, 'pinned', pinned,
      'editableBy', editable_by, 'canEdit', can_edit, 'value', value, 'version', coalesce(version, 0), 'updatedAt', ${isoSql(sql`updated_at`)},
      'updatedBy', CASE WHEN by_id IS NOT NULL THEN json_build_object('id', by_id, 'name', by_name) END) ORDER BY n)
    FROM card WHERE n > ${q.offset ?? 0} AND (n <= ${q.limit === undefined ? null : (q.offset ?? 0) + q.limit}::int8) IS NOT FALSE), '[]'))::text AS body
  FROM c`
}

/**
 * Every active attribute of the catalog with this client's value, in card order, as the response's JSON
 * text. Takes `{clientId}` as the request gave it (the card is the most requested read: one query
 * answers it, 404 included).
 */
export async function listClientAttributes({
  db,
  companyId,
  role,
  idOrExternal,
  q,
}: {
  db: Db
  companyId: string
  role: Role
  idOrExternal: string
  q: AttributeListQuery
}) {
  const [row] = await preparedRows<{ body: string }>(db, cardSql(companyId, idOrExternal, role, q))
  if (!row) throw clientNotFound()
  return row.body
}

async function currentValue(db: Db, actor: Actor, clientId: string, attributeId: string) {
  const [row] = await selectClientAttributes(db, actor.companyId, clientId, eq(attributes.id, attributeId))
  if (!row) throw attributeNotFound()
  return toClientAttribute(row, actor.role)
}

type WriteTarget = {
  id: string
  name: string
  type: ClientAttribute['type']
  options: string[]
  description: string | null
  position: number
  pinned: boolean
  visible_to: Role[]
  editable_by: AttributeEditor
  archived_at: Date | null
  client_id: string | null
  checked: string
  by_name: string | null
}

const a = alias(attributes, 'a')

/** The attribute and the client `{clientId}` names (after a merge, the one it was merged into), read without locks. */
const writeTargetSql = (actor: Actor, clientRef: string, attributeId: string, followMerges: boolean) => sql`
  SELECT ${a.id}, ${a.name}, ${a.type}, ${a.options}, ${a.description}, ${a.position}, ${a.pinned}, ${a.visibleTo}::text[] AS visible_to, ${a.editableBy},
    ${a.archivedAt}, c.id AS client_id, ${attributeCheckSql(sql`a`)} AS checked,
    (SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${actor.userId}) AS by_name
  FROM ${attributes} a LEFT JOIN LATERAL (${resolvedClientSql(actor.companyId, clientRef, followMerges)}) c ON true
  WHERE ${a.id} = ${attributeId} AND ${a.companyId} = ${actor.companyId}`

/** Reads start over when what they checked changed before the write: a merge, then a rename, is as far as it goes. */
const MAX_ATTEMPTS = 3

export interface SetValue {
  actor: Actor
  /** `{clientId}` as the request gave it: our id or an external ID. */
  clientRef: string
  attributeId: string
  raw: string | null
  expectedVersion?: number
  /** Confirms a panel write of a value an integration owns (cards/access writeSource). */
  override?: boolean
}

/**
 * Sets (or with null clears) a client's value through the card write path. Returns the client's id and
 * whether anything changed: writing the value that is already there is a no-op with no history, whatever
 * `version` says, so a repeated request is harmless (contract: value set is idempotent). Not a transaction:
 * the checks read without locks, and the write, one statement, finds out whether what they read still holds
 * (else they run again on what is there now, at most MAX_ATTEMPTS times).
 */
export async function setClientAttribute(
  db: Db,
  { actor, clientRef, attributeId, raw, expectedVersion, override }: SetValue,
) {
  const { companyId } = actor
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [target] = await preparedRows<WriteTarget>(db, writeTargetSql(actor, clientRef, attributeId, attempt > 1))
    if (!target) {
      await resolveClientId(db, companyId, clientRef)
      throw attributeNotFound()
    }
    const clientId = target.client_id
    // Merged into another client: once more, and it lands on the merged one.
    if (!clientId && attempt === 1) continue
    if (!clientId) throw clientNotFound()
    if (target.archived_at || !sees(target.visible_to, actor.role)) throw attributeNotFound()
    const source = writeSource({ name: target.name, editableBy: target.editable_by }, actor, override)
    const phone = target.type === 'phone' ? await phoneRule(db, companyId) : undefined
    const checked = checkAttributeValue(target.type, target.options, raw, phone)
    if (!checked.ok) throw badRequest('body.value', checked.error)
    const { values, events } = await writeCardChanges({
      db,
      companyId,
      userId: actor.userId,
      source,
      values: [{ clientId, attributeId, value: checked.value, expectedVersion }],
      checkedAttributes: [{ attributeId, checked: target.checked }],
    })
    const written = values[0]!
    // The attribute changed or the client was merged away meanwhile: read again and decide on what is there now.
    if (written.outcome === 'stale') {
      // A card closed to changes says why; one merged away meanwhile is followed on the next attempt.
      await assertCardOpen(db, companyId, clientId, 'allowed')
      continue
    }
    if (written.outcome === 'same') {
      return { clientId, changed: false, events, item: await currentValue(db, actor, clientId, attributeId) }
    }
    if (written.outcome === 'conflict') {
      throw conflict('Значение уже изменил кто-то другой', await currentValue(db, actor, clientId, attributeId))
    }
    const item = toClientAttribute(
      {
        attribute: { ...target, editableBy: target.editable_by },
        value: { value: checked.value, version: written.version, updatedAt: written.updatedAt! },
        by: target.by_name === null ? null : { id: actor.userId, name: target.by_name },
      },
      actor.role,
    )
    return { clientId, changed: true, events, item }
  }
  throw new Error(
    `The value write gave up after ${MAX_ATTEMPTS} attempts: the parameter or the client kept changing under it`,
  )
}

/** Newest first. Archived attributes keep their history readable. */
export async function listAttributeHistory({
  db,
  companyId,
  role,
  clientId,
  attributeId,
  q,
}: {
  db: Db
  companyId: string
  role: Role
  clientId: string
  attributeId: string
  q: ListQuery
}) {
  await findAttributeRow(db, companyId, attributeId, role)
  const where = and(
    eq(attributeHistory.companyId, companyId),
    eq(attributeHistory.clientId, clientId),
    eq(attributeHistory.attributeId, attributeId),
  )
  const rows = await db
    .select({ h: attributeHistory, by: { id: users.id, name: users.name } })
    .from(attributeHistory)
    .leftJoin(users, eq(users.id, attributeHistory.changedBy))
    .where(where)
    .orderBy(desc(attributeHistory.changedAt), desc(attributeHistory.id))
    .limit(q.limit)
    .offset(q.offset)
  const total = q.withoutCount
    ? NOT_COUNTED
    : (await db.select({ n: count() }).from(attributeHistory).where(where))[0]!.n
  return {
    count: total,
    items: rows.map(({ h, by }) => ({
      id: h.id,
      oldValue: h.oldValue,
      newValue: h.newValue,
      changedAt: iso(h.changedAt),
      changedBy: by,
      source: h.source,
    })),
  }
}
