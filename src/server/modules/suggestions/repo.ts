import { and, eq, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { checkAttributeValue, type AttributeType } from '@shared/attributes'
import { clientFieldLabels, type ClientField, type PhoneRule } from '@shared/clients'
import type { Role } from '@shared/common'
import type { Suggestion } from '@shared/suggestions'
import type { Actor } from '../../http/actor'
import type { Db } from '../../db/client'
import { attributes, attributeValues, clients, sessions, suggestions } from '../../db/schema'
import { iso } from '../../db/sql-helpers'
import { conflict, notFound } from '../../http/errors'
import { findValues, findOptions, numberFor, type Found, type FoundKind } from './detect'
import { canEditSql, setClientAttribute, updateClient, visibleTo } from '../cards'
import { rowsOf } from '../../db/raw'
import { phoneRule } from '../accounts'

const [s, c, a, v] = [alias(suggestions, 's'), alias(clients, 'c'), alias(attributes, 'a'), alias(attributeValues, 'v')]

type Candidate = { id: string; name: string; type: AttributeType; options: string[] }
type Target = { attributeId: string | null; field: ClientField | null; value: string }

/** Which kind of found value each attribute type takes. */
const KIND_OF: Partial<Record<AttributeType, FoundKind>> = {
  phone: 'phone',
  email: 'email',
  date: 'date',
  link: 'link',
  number: 'number',
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The values of one message for the client's empty targets, each stored as a write would store it. */
function targetsOf({
  body,
  found,
  empty,
  fields,
  phone,
}: {
  body: string
  found: Found[]
  empty: Candidate[]
  fields: { phone: boolean; email: boolean }
  phone: PhoneRule
}): Target[] {
  const targets: Target[] = []
  const offer = (attributeId: string | null, field: ClientField | null, value: string) => {
    if (!targets.some((t) => t.attributeId === attributeId && t.field === field && t.value === value))
      targets.push({ attributeId, field, value })
  }
  for (const f of found) {
    const number = f.kind === 'phone' && fields.phone ? phone(f.value) : null
    if (number?.ok) offer(null, 'phone', number.value)
    if (f.kind === 'email' && fields.email && EMAIL.test(f.value)) offer(null, 'email', f.value)
  }
  for (const a of empty) {
    if (a.type === 'select' || a.type === 'multiselect') {
      const named = findOptions(body, a.options)
      const raw = a.type === 'select' ? named[0] : named.join(',')
      const checked = raw ? checkAttributeValue(a.type, a.options, raw) : null
      if (checked?.ok && checked.value) offer(a.id, null, checked.value)
      continue
    }
    for (const f of found) {
      if (KIND_OF[a.type] !== f.kind || (f.kind === 'number' && !numberFor(body, f, a.name))) continue
      const checked = checkAttributeValue(a.type, a.options, f.value, phone)
      if (checked.ok && checked.value) offer(a.id, null, checked.value)
    }
  }
  return targets
}

/**
 * Reads a client's message for values of their empty fields and parameters and stores each new one as an
 * open suggestion (one already offered, accepted or rejected for this client is not offered again).
 * Runs once the message is stored; returns how many it stored.
 */
export async function suggestFromMessage({
  db,
  companyId,
  clientId,
  sessionId,
  messageId,
  body,
}: {
  db: Db
  companyId: string
  clientId: string
  sessionId: string
  messageId: string
  body: string
}) {
  if (!body.trim()) return 0
  const found = findValues(body)
  // The client's own fields, and its empty parameters in card order (none: one row with a null id).
  const rows = await rowsOf<{ phone: string | null; email: string | null } & Candidate>(
    db,
    sql`SELECT ${c.phone}, ${c.email}, ${a.id}, ${a.name}, ${a.type}, ${a.options}
    FROM ${clients} c LEFT JOIN LATERAL (SELECT ${a.id}, ${a.name}, ${a.type}, ${a.options}, ${a.position} FROM ${attributes} a
      WHERE ${a.companyId} = ${companyId} AND ${a.archivedAt} IS NULL
        AND ${a.type} IN ('phone', 'email', 'date', 'link', 'number', 'select', 'multiselect')
        AND NOT EXISTS (SELECT 1 FROM ${attributeValues} v WHERE ${v.clientId} = ${c.id} AND ${v.attributeId} = ${a.id} AND ${v.value} IS NOT NULL)) a ON true
    WHERE ${c.id} = ${clientId} ORDER BY ${a.position}`,
  )
  const empty = rows.filter((r) => r.id !== null)
  const targets = targetsOf({
    body,
    found,
    empty,
    fields: { phone: !rows[0]?.phone, email: !rows[0]?.email },
    phone: await phoneRule(db, companyId),
  })
  if (targets.length === 0) return 0
  const stored = await db
    .insert(suggestions)
    .values(targets.map((t) => ({ companyId, clientId, sessionId, messageId, ...t })))
    .onConflictDoNothing()
    .returning({ id: suggestions.id })
  return stored.length
}

/** Parameters this role changes from the panel without confirmation: an integration's own (`api`) are not offered. */
const editableSql = (role: Role) => sql`(${canEditSql(role)} AND ${a.editableBy} <> 'api')`

type Row = {
  id: string
  attribute_id: string | null
  field: ClientField | null
  name: string | null
  type: AttributeType | null
  value: string
  session_id: string
  message_id: string
  created_at: Date | string
  client_id: string
  version: number | null
}

/**
 * Open suggestions whose target is still empty (one someone has filled meanwhile is no longer offered):
 * by message, and within one the client's own fields first, then the parameters in card order.
 */
const openSql = (
  where: SQL,
  role: Role,
) => sql`SELECT ${s.id}, ${s.attributeId}, ${s.field}, ${a.name}, ${a.type}, ${s.value}, ${s.sessionId}, ${s.messageId},
    ${s.createdAt}, ${s.clientId},
    (SELECT ${v.version} FROM ${attributeValues} v WHERE ${v.clientId} = ${s.clientId} AND ${v.attributeId} = ${s.attributeId}) AS version
  FROM ${suggestions} s
  JOIN ${clients} c ON ${c.id} = ${s.clientId}
  LEFT JOIN ${attributes} a ON ${a.id} = ${s.attributeId}
  WHERE ${where} AND ${s.status} = 'open'
    AND CASE WHEN ${s.attributeId} IS NOT NULL THEN ${a.archivedAt} IS NULL AND ${visibleTo(role)} AND ${editableSql(role)} AND NOT EXISTS (SELECT 1 FROM ${attributeValues} v
          WHERE ${v.clientId} = ${s.clientId} AND ${v.attributeId} = ${s.attributeId} AND ${v.value} IS NOT NULL)
        WHEN ${s.field} = 'phone' THEN ${c.phone} IS NULL ELSE ${c.email} IS NULL END
  ORDER BY ${s.createdAt}, ${a.position} NULLS FIRST, ${s.field}, ${s.value}`

const toSuggestion = (r: Row): Suggestion => ({
  id: r.id,
  attributeId: r.attribute_id,
  field: r.field,
  name: r.name ?? clientFieldLabels[r.field!],
  type: r.type ?? (r.field === 'phone' ? 'phone' : 'email'),
  value: r.value,
  sessionId: r.session_id,
  messageId: r.message_id,
  createdAt: iso(r.created_at),
})

/** What a dialogue's card offers: the open suggestions from its client's messages, oldest first. */
export async function listSuggestions(db: Db, companyId: string, role: Role, sessionId: string) {
  const [session] = await db
    .select({ clientId: sessions.clientId })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId)))
  if (!session) throw notFound('Диалог не найден')
  const rows = await rowsOf<Row>(db, openSql(sql`${s.clientId} = ${session.clientId}`, role))
  return { items: rows.map(toSuggestion) }
}

const suggestionNotFound = () => notFound('Подсказка не найдена или уже не нужна')

/**
 * Takes a suggestion: a normal write of the value (source `suggestion`, in the card's history), made only
 * while the target is still empty; filled meanwhile, it is a 409 and the suggestion goes.
 */
export async function acceptSuggestion(db: Db, actor: Actor, suggestionId: string) {
  const [row] = await rowsOf<Row>(
    db,
    openSql(sql`${s.id} = ${suggestionId} AND ${s.companyId} = ${actor.companyId}`, actor.role),
  )
  if (!row) {
    const [stale] = await db
      .select({ status: suggestions.status })
      .from(suggestions)
      .where(and(eq(suggestions.id, suggestionId), eq(suggestions.companyId, actor.companyId)))
    if (stale?.status === 'open') throw conflict('Это поле уже заполнили: подсказка больше не нужна')
    throw suggestionNotFound()
  }
  const who = { ...actor, source: 'suggestion' as const }
  // The version seen empty: a value written meanwhile makes this a 409 instead of being overwritten.
  const written = row.attribute_id
    ? await setClientAttribute(db, {
        actor: who,
        clientRef: row.client_id,
        attributeId: row.attribute_id,
        raw: row.value,
        expectedVersion: row.version ?? 0,
      })
    : null
  if (!written) await updateClient(db, who, row.client_id, { [row.field!]: row.value })
  await decide(db, actor, suggestionId, 'accepted')
  return { suggestion: toSuggestion(row), clientId: row.client_id, events: written?.events }
}

/** Settles an open suggestion; none open (decided already, another company's): 404. */
async function decide(db: Db, actor: Actor, id: string, status: 'accepted' | 'rejected') {
  const [row] = await db
    .update(suggestions)
    .set({ status, decidedAt: sql`now()`, decidedBy: actor.userId })
    .where(and(eq(suggestions.id, id), eq(suggestions.companyId, actor.companyId), eq(suggestions.status, 'open')))
    .returning({ clientId: suggestions.clientId })
  if (!row) throw suggestionNotFound()
  return row
}

/** Hides a suggestion for this client: the same value is not offered again. */
export const rejectSuggestion = (db: Db, actor: Actor, suggestionId: string) =>
  decide(db, actor, suggestionId, 'rejected')
