import { and, eq, inArray, sql } from 'drizzle-orm'
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { CLIENT_FIELDS, MERGE_UNDO_DAYS, type ClientField, type MergeInput } from '@shared/clients'
import type { Actor } from '../../http/actor'
import type { Db, Tx } from '../../db/client'
import {
  attributeHistory,
  attributes,
  attributeValues,
  clientAliases,
  clientFieldHistory,
  clientMerges,
  clients,
  clientTagHistory,
  clientTags,
  comments,
  sessions,
} from '../../db/schema'
import { bare, columnList, isUniqueViolation } from '../../db/sql-helpers'
import { enqueueEvent } from '../webhooks'
import { badRequest, conflict, notFound } from '../../http/errors'
import { rowsOf } from '../../db/raw'
import { assertOpen, clientNotFound, withTags, writeCardChanges, type CardChanges } from '../cards'

/** What a merge changed, kept with it so that it can be undone. */
interface Snapshot {
  /** The source's rows as they were (to_jsonb), put back as they are on undo. */
  source: object
  sourceValues: object[]
  sourceTags: object[]
  /** External IDs that pointed to the source (aliases of earlier merges) and the one the merge added. */
  sourceAliases: string[]
  aliasAdded: string | null
  sessions: string[]
  history: { attribute: string[]; tag: string[]; field: string[] }
  /** The source's notes (absent in merges made before notes existed). */
  comments?: string[]
  fields: { field: ClientField; before: string | null; after: string | null }[]
  values: { attributeId: string; before: string | null; afterVersion: number }[]
  tagsAdded: string[]
  lastSessionAt: string | null
}

type ValueRow = { attribute_id: string; value: string | null; version: number }
const now = sql`clock_timestamp()`
/** The card's updatedAt moved to now, never backwards. */
const touched = sql`greatest(${clients.updatedAt}, clock_timestamp())`

/** Both clients locked, in id order (two merges of the same pair cannot deadlock). */
async function lockPair(tx: Tx, companyId: string, ids: string[]) {
  const rows = await tx
    .select()
    .from(clients)
    .where(and(eq(clients.companyId, companyId), inArray(clients.id, ids)))
    .orderBy(clients.id)
    .for('update')
  return new Map(rows.map((r) => [r.id, r]))
}

const [c, v, t] = [alias(clients, 'c'), alias(attributeValues, 'v'), alias(clientTags, 't')]

const valuesOf = (tx: Tx, clientId: string) =>
  rowsOf<ValueRow>(
    tx,
    sql`SELECT ${v.attributeId} AS attribute_id, ${v.value} AS value, ${v.version} AS version FROM ${attributeValues} v
  WHERE ${v.clientId} = ${clientId} ORDER BY ${v.attributeId} FOR UPDATE`,
  )

/** Changes on the target go through the card write path, with source `merge`. */
const writeOnTarget = (
  tx: Tx,
  actor: Actor,
  targetId: string,
  changes: Omit<CardChanges, 'companyId' | 'userId' | 'source'>,
) =>
  writeCardChanges({ tx, companyId: actor.companyId, userId: actor.userId, source: 'merge', ...changes }).then(
    (written) => ({
      ...written,
      versionOf: (attributeId: string) =>
        written.values.find((v) => v.clientId === targetId && v.attributeId === attributeId)!.version,
    }),
  )

const ids = (rows: { id: string }[]) => rows.map((r) => r.id)

/**
 * Merges `sourceId` into `targetId`: the source's dialogues, tags and history move to the target; each
 * name, phone, email and attribute value filled on one side only is taken, one filled on both keeps the
 * target's unless `prefer` names the source; the source's external ID becomes an alias of the target, and
 * the source is deleted. Every change on the target is a history row (source `merge`); losing values stay
 * in the moved history. Returns the merge's id and the target.
 */
export async function mergeClients({
  db,
  actor,
  targetId,
  sourceId,
  prefer = {},
}: {
  db: Db
  actor: Actor
  targetId: string
  sourceId: string
  prefer?: MergeInput['prefer']
}) {
  if (sourceId === targetId) throw badRequest('body.sourceId', 'Клиента нельзя объединить с самим собой')
  const { companyId } = actor
  const mergeId = await db.transaction(async (tx) => {
    const pair = await lockPair(tx, companyId, [targetId, sourceId])
    const target = pair.get(targetId)
    const source = pair.get(sourceId)
    if (!target || !source) throw clientNotFound()
    assertOpen(target)
    assertOpen(source)
    // The source's external ID becomes an address of the target, unless it already is one (of the target, or
    // of a third card: a card created with a merged card's ID before that was refused).
    const [taken] = source.externalId
      ? await tx
          .select({ clientId: clientAliases.clientId })
          .from(clientAliases)
          .where(and(eq(clientAliases.companyId, companyId), eq(clientAliases.externalId, source.externalId)))
      : []
    if (taken && taken.clientId !== targetId) {
      throw conflict(
        `Внешний ID «${source.externalId}» уже служит адресом другого клиента, объединённого раньше: смените его у этого клиента, затем объединяйте`,
        [{ path: 'body.sourceId', message: 'внешний ID занят адресом другого клиента' }],
      )
    }
    const aliasAdded = taken ? null : source.externalId
    const [saved] = await rowsOf<{ source: object; values: object[]; tags: object[]; aliases: string[] }>(
      tx,
      sql`SELECT
      (SELECT to_jsonb(c) - 'phone_digits' FROM ${clients} c WHERE ${c.id} = ${sourceId}) AS source,
      (SELECT coalesce(jsonb_agg(to_jsonb(v)), '[]') FROM ${attributeValues} v WHERE ${v.clientId} = ${sourceId}) AS values,
      (SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]') FROM ${clientTags} t WHERE ${t.clientId} = ${sourceId}) AS tags,
      (SELECT coalesce(array_agg(${clientAliases.externalId}), '{}') FROM ${clientAliases} WHERE ${clientAliases.clientId} = ${sourceId}) AS aliases`,
    )

    // What moves: the rows that belong to the source now.
    const moved = {
      sessions: ids(
        await tx
          .update(sessions)
          .set({ clientId: targetId })
          .where(eq(sessions.clientId, sourceId))
          .returning({ id: sessions.id }),
      ),
      attribute: ids(
        await tx
          .update(attributeHistory)
          .set({ clientId: targetId })
          .where(eq(attributeHistory.clientId, sourceId))
          .returning({ id: attributeHistory.id }),
      ),
      tag: ids(
        await tx
          .update(clientTagHistory)
          .set({ clientId: targetId })
          .where(eq(clientTagHistory.clientId, sourceId))
          .returning({ id: clientTagHistory.id }),
      ),
      field: ids(
        await tx
          .update(clientFieldHistory)
          .set({ clientId: targetId })
          .where(eq(clientFieldHistory.clientId, sourceId))
          .returning({ id: clientFieldHistory.id }),
      ),
      comments: ids(
        await tx
          .update(comments)
          .set({ clientId: targetId })
          .where(eq(comments.clientId, sourceId))
          .returning({ id: comments.id }),
      ),
    }

    const fields = CLIENT_FIELDS.flatMap((field) => {
      const [mine, theirs] = [target[field], source[field]]
      const to = theirs !== null && (mine === null || prefer[field] === 'source') ? theirs : mine
      return to === mine ? [] : [{ field, from: mine, to }]
    })
    const targetValues = new Map((await valuesOf(tx, targetId)).map((v) => [v.attribute_id, v]))
    const fromSource = (await valuesOf(tx, sourceId)).flatMap((theirs) => {
      const mine = targetValues.get(theirs.attribute_id)?.value ?? null
      const take =
        theirs.value !== null && theirs.value !== mine && (mine === null || prefer[theirs.attribute_id] === 'source')
      return take ? [{ attributeId: theirs.attribute_id, before: mine, value: theirs.value }] : []
    })
    const sourceTags = await tx
      .select({ tagId: clientTags.tagId })
      .from(clientTags)
      .where(eq(clientTags.clientId, sourceId))
    const written = await writeOnTarget(tx, actor, targetId, {
      fields: fields.map(({ field, to }) => ({ clientId: targetId, field, value: to })),
      values: fromSource.map(({ attributeId, value }) => ({ clientId: targetId, attributeId, value })),
      tags: sourceTags.map(({ tagId }) => ({ clientId: targetId, tagId, action: 'added' as const })),
    })
    const values: Snapshot['values'] = fromSource.map(({ attributeId, before }) => ({
      attributeId,
      before,
      afterVersion: written.versionOf(attributeId),
    }))
    const tagsAdded = written.tags.map((t) => t.tagId)

    await tx.update(clientAliases).set({ clientId: targetId }).where(eq(clientAliases.clientId, sourceId))
    await tx.delete(clients).where(eq(clients.id, sourceId))
    if (aliasAdded) await tx.insert(clientAliases).values({ companyId, externalId: aliasAdded, clientId: targetId })
    await tx
      .update(clients)
      .set({ updatedAt: touched, lastSessionAt: sql`greatest(${clients.lastSessionAt}, ${source.lastSessionAt})` })
      .where(eq(clients.id, targetId))

    const snapshot: Snapshot = {
      source: saved!.source,
      sourceValues: saved!.values,
      sourceTags: saved!.tags,
      sourceAliases: saved!.aliases,
      aliasAdded,
      sessions: moved.sessions,
      history: { attribute: moved.attribute, tag: moved.tag, field: moved.field },
      comments: moved.comments,
      fields: fields.map((f) => ({ field: f.field, before: f.from, after: f.to })),
      values,
      tagsAdded,
      lastSessionAt: target.lastSessionAt?.toISOString() ?? null,
    }
    const [merge] = await tx
      .insert(clientMerges)
      .values({ companyId, targetId, sourceId, mergedBy: actor.userId, snapshot })
      .returning({ id: clientMerges.id })
    await enqueueEvent(tx, {
      companyId,
      event: 'client.merged',
      clientId: targetId,
      data: {
        mergeId: merge!.id,
        clientId: targetId,
        sourceId,
        sourceExternalId: source.externalId,
        mergedBy: actor.userId,
      },
    })
    return merge!.id
  })
  const [client] = await withTags(db, await db.select().from(clients).where(eq(clients.id, targetId)))
  return { mergeId, client: client! }
}

const mergeNotFound = () => notFound('Объединение не найдено')

/**
 * Undoes a merge of the last MERGE_UNDO_DAYS days: the source comes back as it was, with its dialogues,
 * tags, values and history; the target gets back what the merge changed. A field or value changed on the
 * target since the merge is not overwritten: the undo is refused (409) naming them.
 */
export async function undoMerge(db: Db, actor: Actor, mergeId: string) {
  const { companyId } = actor
  const merge = await db.transaction(async (tx) => {
    const [m] = await tx
      .select()
      .from(clientMerges)
      .where(and(eq(clientMerges.id, mergeId), eq(clientMerges.companyId, companyId)))
      .for('update')
    if (!m) throw mergeNotFound()
    if (m.undoneAt) throw conflict('Это объединение уже отменено')
    if ('erased' in (m.snapshot as object))
      throw conflict('Персональные данные клиента уничтожены: объединение отменить нельзя, прежних данных больше нет')
    if (Date.now() - m.mergedAt.getTime() > MERGE_UNDO_DAYS * 86_400_000)
      throw conflict(`Объединение старше ${MERGE_UNDO_DAYS} дней: отменить его нельзя`)
    const s = m.snapshot as Snapshot
    const target = (await lockPair(tx, companyId, [m.targetId])).get(m.targetId)
    if (!target) throw clientNotFound()

    const current = new Map((await valuesOf(tx, m.targetId)).map((v) => [v.attribute_id, v]))
    const names = new Map(
      (
        await tx
          .select({ id: attributes.id, name: attributes.name })
          .from(attributes)
          .where(
            inArray(
              attributes.id,
              s.values.map((v) => v.attributeId),
            ),
          )
      ).map((a) => [a.id, a.name]),
    )
    const changedSince = [
      ...s.fields
        .filter((f) => target[f.field] !== f.after)
        .map((f) => ({ path: f.field, message: 'изменено после объединения' })),
      ...s.values
        .filter((v) => current.get(v.attributeId)?.version !== v.afterVersion)
        .map((v) => ({
          path: `attributes.${v.attributeId}`,
          message: `«${names.get(v.attributeId) ?? 'параметр'}» изменён после объединения`,
        })),
    ]
    if (changedSince.length)
      throw conflict('После объединения эти данные изменили: отменить его нельзя, не потеряв их', changedSince)

    try {
      // Merges of earlier releases kept no version: the card starts counting again.
      const { id, companyId, externalId, name, phone, email, metadata, version, createdAt, updatedAt, lastSessionAt } =
        clients
      const [kept, after] = [
        [id, companyId, externalId, name, phone, email, metadata],
        [createdAt, updatedAt, lastSessionAt],
      ]
      const names = (list: AnyPgColumn[]) => sql.join(list.map(bare), sql`, `)
      await tx.execute(sql`INSERT INTO ${clients} ${columnList(...kept, version, ...after)}
        SELECT ${names(kept)}, coalesce(${bare(version)}, 1), ${names(after)}
        FROM jsonb_populate_record(NULL::${clients}, ${JSON.stringify(s.source)}::jsonb)`)
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict('Внешний ID объединённого клиента уже занят другим клиентом: отменить нельзя', [
          { path: 'externalId', message: 'занят' },
        ])
      throw err
    }
    await tx.execute(
      sql`INSERT INTO ${attributeValues} SELECT * FROM jsonb_populate_recordset(NULL::${attributeValues}, ${JSON.stringify(s.sourceValues)}::jsonb)`,
    )
    await tx.execute(
      sql`INSERT INTO ${clientTags} SELECT * FROM jsonb_populate_recordset(NULL::${clientTags}, ${JSON.stringify(s.sourceTags)}::jsonb)`,
    )
    // The dialogues and history the source had go back to it.
    const back = { clientId: m.sourceId }
    await tx.update(sessions).set(back).where(inArray(sessions.id, s.sessions))
    await tx.update(attributeHistory).set(back).where(inArray(attributeHistory.id, s.history.attribute))
    await tx.update(clientTagHistory).set(back).where(inArray(clientTagHistory.id, s.history.tag))
    await tx.update(clientFieldHistory).set(back).where(inArray(clientFieldHistory.id, s.history.field))
    if (s.comments?.length) await tx.update(comments).set(back).where(inArray(comments.id, s.comments))
    if (s.aliasAdded)
      await tx
        .delete(clientAliases)
        .where(and(eq(clientAliases.companyId, companyId), eq(clientAliases.externalId, s.aliasAdded)))
    if (s.sourceAliases.length) {
      await tx
        .update(clientAliases)
        .set({ clientId: m.sourceId })
        .where(and(eq(clientAliases.companyId, companyId), inArray(clientAliases.externalId, s.sourceAliases)))
    }

    await writeOnTarget(tx, actor, m.targetId, {
      fields: s.fields.map((f) => ({ clientId: m.targetId, field: f.field, value: f.before })),
      values: s.values.map((v) => ({ clientId: m.targetId, attributeId: v.attributeId, value: v.before })),
      tags: s.tagsAdded.map((tagId) => ({ clientId: m.targetId, tagId, action: 'removed' as const })),
    })
    await tx
      .update(clients)
      .set({ updatedAt: touched, lastSessionAt: s.lastSessionAt ? new Date(s.lastSessionAt) : null })
      .where(eq(clients.id, m.targetId))
    await tx.update(clientMerges).set({ undoneAt: now }).where(eq(clientMerges.id, mergeId))
    return m
  })
  const restored = await withTags(
    db,
    await db
      .select()
      .from(clients)
      .where(inArray(clients.id, [merge.targetId, merge.sourceId])),
  )
  return {
    client: restored.find((c) => c.id === merge.targetId)!,
    source: restored.find((c) => c.id === merge.sourceId)!,
  }
}
