import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { MessageAttachment } from '@shared/messages'
import type { Db } from '../../db/client'
import type { EventBus } from '../events'
import { chats, clients, sessions } from '../../db/schema'
import { notFound } from '../../http/errors'
import { clientByExternalId, openCard, resolveClientId, storedPhone } from '../cards'
import { enqueueDialogueEvent, enqueueEvent } from '../webhooks'
import { anyoneOnline } from '../accounts'
import { iso } from '../../db/sql-helpers'
import { postMessage } from './messages-repo'

/** A dialogue a channel starts: who writes, through which chat, and what they wrote first. */
export interface StartInput {
  chatId?: string
  /** `id` is our id or the external one (TWIN `clientId`); else `externalId` matches or a new client is made. */
  client: {
    id?: string | null
    externalId?: string | null
    name?: string | null
    phone?: string | null
    email?: string | null
    metadata?: Record<string, unknown> | null
  }
  message?: { body: string; attachments: MessageAttachment[] } | null
  channel?: string | null
  messengerType?: string | null
  name?: string | null
  /** TWIN's callbacks for this dialogue (modules/webhooks); a continued dialogue takes the ones given anew. */
  callbacks?: DialogueCallbacks
}

export interface DialogueCallbacks {
  callbackUrl?: string | null
  callbackData?: string | null
  eventCallbackUrl?: string | null
  eventCallbackData?: string | null
  notifyOnEvents?: string[] | null
}

/** The callbacks given, as the dialogue's columns: those not given stay as they are. */
const callbackColumns = (c: DialogueCallbacks = {}) =>
  Object.fromEntries(Object.entries(c).filter(([, v]) => v != null)) as Partial<typeof sessions.$inferInsert>

export interface Started {
  sessionId: string
  clientId: string
  messageId: string | null
  startedAt: Date
  /** The chat's session lifetime in seconds (0: none). */
  ttl: number
  /** Suggestions the first message gave (modules/suggestions). */
  suggested: number
}

/** An active chat of the company; archived or another company's is 404. */
async function findActiveChat(db: Db, companyId: string, chatId: string) {
  const [chat] = await db
    .select()
    .from(chats)
    .where(and(eq(chats.id, chatId), eq(chats.companyId, companyId), isNull(chats.archivedAt)))
  if (!chat) throw notFound('Чат не найден или в архиве')
  return chat
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null)

/**
 * The client a channel names: found by our id or external id, else by `externalId`, else a new one.
 * A returning client keeps the card it has: what the channel sends only fills fields still empty, so a
 * name an operator corrected is not overwritten by the messenger's display name.
 */
async function clientFor(db: Db, companyId: string, c: StartInput['client'], now: Date) {
  const phone = blankToNull(c.phone)
  const contact = {
    name: blankToNull(c.name),
    phone: phone && (await storedPhone(db, companyId, phone, 'body.client.phone')),
    email: blankToNull(c.email),
  }
  // The card's fields change only where they were empty and the channel knows them, and only on a card open to
  // changes: a blocked one gets its dialogue, not the channel's data.
  const filled = (field: 'name' | 'phone' | 'email', value: SQL | string | null) =>
    sql`CASE WHEN ${openCard(clients)} THEN coalesce(${clients[field]}, ${value}) ELSE ${clients[field]} END`
  const fill = {
    lastSessionAt: now,
    updatedAt: now,
    name: filled('name', contact.name),
    phone: filled('phone', contact.phone),
    email: filled('email', contact.email),
    version: sql`${clients.version} + (row(${clients.name}, ${clients.phone}, ${clients.email})
      IS DISTINCT FROM row(${filled('name', contact.name)}, ${filled('phone', contact.phone)}, ${filled('email', contact.email)}))::int`,
  }
  // Our id, an external id, or the external id of a client merged into another: the client as it is now.
  const known = c.id
    ? await resolveClientId(db, companyId, c.id)
    : c.externalId?.trim()
      ? await clientByExternalId(db, companyId, c.externalId.trim())
      : undefined
  if (known) {
    await db.update(clients).set(fill).where(eq(clients.id, known))
    return known
  }
  const values = {
    companyId,
    externalId: blankToNull(c.externalId),
    ...contact,
    metadata: c.metadata ?? {},
    lastSessionAt: now,
  }
  // xmax is 0 on a row this statement inserted, not on one it updated.
  const returned = { id: clients.id, created: sql<boolean>`xmax = 0` }
  const [client] = values.externalId
    ? await db
        .insert(clients)
        .values(values)
        .onConflictDoUpdate({
          target: [clients.companyId, clients.externalId],
          set: {
            ...fill,
            name: filled('name', sql`excluded.name`),
            phone: filled('phone', sql`excluded.phone`),
            email: filled('email', sql`excluded.email`),
          },
        })
        .returning(returned)
    : await db.insert(clients).values(values).returning(returned)
  if (client!.created) {
    const data = { id: client!.id, externalId: values.externalId, ...contact }
    await enqueueEvent(db, { companyId, event: 'client.created', clientId: client!.id, data })
  }
  return client!.id
}

/** Starts a dialogue; its first message, if any, comes from the client. */
export async function startSession(db: Db, companyId: string, input: StartInput): Promise<Started> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db
    const chat = input.chatId ? await findActiveChat(tx, companyId, input.chatId) : null
    const now = new Date()
    const clientId = await clientFor(tx, companyId, input.client, now)
    const [session] = await tx
      .insert(sessions)
      .values({
        companyId,
        clientId,
        chatId: chat?.id,
        name: blankToNull(input.name),
        channel: blankToNull(input.channel) ?? 'web',
        messengerType: blankToNull(input.messengerType),
        startedAt: now,
        ...callbackColumns(input.callbacks),
      })
      .returning()
    const s = session!
    const started = {
      sessionId: s.id,
      chatId: s.chatId,
      clientId,
      name: s.name,
      channel: s.channel,
      startedAt: iso(now),
    }
    await enqueueDialogueEvent(tx, { companyId, event: 'chatSessionStarted', sessionId: s.id, data: started })
    if (!(await anyoneOnline(tx, companyId))) {
      const data = { sessionId: s.id, chatId: s.chatId }
      await enqueueDialogueEvent(tx, { companyId, event: 'operatorNotFound', sessionId: s.id, data })
    }
    const posted = input.message
      ? await postMessage(tx, companyId, session!.id, { authorType: 'client', ...input.message })
      : null
    return {
      sessionId: session!.id,
      clientId,
      messageId: posted?.message.id ?? null,
      startedAt: now,
      ttl: chat?.sessionTtl ?? 0,
      suggested: posted?.suggested ?? 0,
    }
  })
}

/**
 * TWIN's "continue session" (`PUT /chats/{chatId}/sessions`, and `POST /sessions`): the client's open
 * dialogue (in this chat, when one is named) takes the message; without one, a new dialogue starts.
 */
export async function continueSession(
  db: Db,
  companyId: string,
  input: StartInput,
): Promise<Started & { continued: boolean }> {
  const chat = input.chatId ? await findActiveChat(db, companyId, input.chatId) : null
  const clientId = input.client.id
    ? await resolveClientId(db, companyId, input.client.id)
    : input.client.externalId
      ? await clientByExternalId(db, companyId, input.client.externalId)
      : undefined
  const [open] = clientId
    ? await db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.companyId, companyId),
            eq(sessions.clientId, clientId),
            chat ? eq(sessions.chatId, chat.id) : undefined,
            eq(sessions.status, 'open'),
          ),
        )
        .orderBy(desc(sessions.startedAt))
        .limit(1)
    : []
  if (!open) return { ...(await startSession(db, companyId, input)), continued: false }
  const renewed = callbackColumns(input.callbacks)
  if (Object.keys(renewed).length) await db.update(sessions).set(renewed).where(eq(sessions.id, open.id))
  const posted = input.message
    ? await postMessage(db, companyId, open.id, { authorType: 'client', ...input.message })
    : null
  return {
    sessionId: open.id,
    clientId: open.clientId,
    messageId: posted?.message.id ?? null,
    startedAt: open.startedAt,
    ttl: chat?.sessionTtl ?? 0,
    continued: true,
    suggested: posted?.suggested ?? 0,
  }
}

/** Tells open panels about a started or continued dialogue. */
export function announceStart(bus: EventBus, companyId: string, s: Started) {
  bus.publish(companyId, { type: 'session.created', sessionId: s.sessionId, clientId: s.clientId })
  if (s.messageId) bus.publish(companyId, { type: 'message.created', sessionId: s.sessionId, messageId: s.messageId })
  bus.publish(companyId, { type: 'client.updated', clientId: s.clientId })
  if (s.suggested) bus.publish(companyId, { type: 'suggestion.created', sessionId: s.sessionId, clientId: s.clientId })
}
