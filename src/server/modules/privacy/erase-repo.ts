import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Db, Tx } from '../../db/client'
import { rowsOf } from '../../db/raw'
import {
  attributeHistory,
  attributeValues,
  attributeValueTexts,
  auditEvents,
  changeBatches,
  clientAliases,
  clientFieldHistory,
  clientMerges,
  clients,
  clientTagHistory,
  clientTags,
  comments,
  commentRevisions,
  companies,
  erasureActs,
  messages,
  privacyRequests,
  reviewPending,
  sessions,
  suggestions,
  users,
} from '../../db/schema'
import { uuidArray } from '../../db/sql-helpers'
import { conflict, notFound } from '../../http/errors'
import { clientQueue, forgetClientEvents, outboxSql } from '../webhooks'
import { toAct } from './acts-repo'

// Destroying a client's personal data (152-ФЗ ст. 21): in the database, not hidden. The row stays as an
// anonymous stub («Клиент удалён 06.12.2026») so that dialogue counts, card quality and other cards'
// history hold; everything that says who the person is or what they said goes, and an act records it.

/** The line a dialogue open at the destruction is closed with. */
export const ERASURE_CLOSE_LINE = 'Диалог закрыт: персональные данные клиента уничтожены'

export interface Erasure {
  companyId: string
  clientIds: string[]
  /** Who destroys (null: the retention run), and their name for the act. */
  userId: string | null
  subject: string
  reason: string
  requestId?: string
  /** An act this destruction adds to (the next chunk of a retention run) instead of a new one. */
  actId?: string
  /** Writes the Журнал line of the destruction in the transaction; returns its id. */
  journal: (tx: Tx, clients: { id: string }[]) => Promise<{ id: string }>
}

type Counted = { n: number }
const count = async (tx: Tx, statement: SQL) =>
  (await rowsOf<Counted>(tx, sql`WITH x AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM x`))[0]!.n

/**
 * The keyword search's texts (attribute_value_texts) of the clients' values, now and in their history, that no
 * other client holds: a text stays there after its value changes, so the person's would outlive the erasure.
 */
const forgetValueTexts = (tx: Tx, ids: SQL) =>
  tx.execute(sql`WITH theirs AS (
      SELECT ${attributeValues.attributeId} AS attribute_id, ${attributeValues.value} AS value FROM ${attributeValues}
        WHERE ${attributeValues.clientId} = ANY(${ids})
      UNION SELECT ${attributeHistory.attributeId}, unnest(array[${attributeHistory.oldValue}, ${attributeHistory.newValue}])
        FROM ${attributeHistory} WHERE ${attributeHistory.clientId} = ANY(${ids}))
    DELETE FROM ${attributeValueTexts} USING theirs
    WHERE ${attributeValueTexts.attributeId} = theirs.attribute_id AND ${attributeValueTexts.value} = theirs.value
      AND NOT EXISTS (SELECT 1 FROM ${attributeValues} v WHERE v.attribute_id = theirs.attribute_id
        AND v.value = theirs.value AND NOT v.client_id = ANY(${ids}))`)

/** The stub's name, dated in the company's time zone. */
const stubName = (companyId: string) =>
  sql`'Клиент удалён ' || to_char(clock_timestamp() AT TIME ZONE (SELECT ${companies.timeZone} FROM ${companies}
    WHERE ${companies.id} = ${companyId}), 'DD.MM.YYYY')`

/** Who the act names for a retention run. */
const RETENTION_PERFORMER = 'Сервис: срок хранения'

/** What an erased client's values in the log's words are replaced with. */
const GONE = '(данные удалены)'

/**
 * Destroys the personal data of `clientIds` (of the company, not yet destroyed) in one transaction with its
 * act and Журнал line, and returns the act. 404 if none of them is there; 409 while an import or a bulk edit
 * runs (it could write them again). Their open dialogues must be closed before (closeOpenDialogues).
 */
export async function eraseClients(db: Db, e: Erasure) {
  return db.transaction(async (tx) => {
    const c = clients
    const locked = await tx
      .select()
      .from(c)
      .where(and(eq(c.companyId, e.companyId), inArray(c.id, e.clientIds), isNull(c.erasedAt)))
      .orderBy(c.id)
      .for('update')
    if (locked.length === 0) throw notFound('Клиент не найден или его данные уже уничтожены')
    const [running] = await tx
      .select({ id: changeBatches.id })
      .from(changeBatches)
      .where(and(eq(changeBatches.companyId, e.companyId), eq(changeBatches.status, 'running')))
      .limit(1)
    if (running) throw conflict('Идёт импорт или массовое изменение: дождитесь его окончания и повторите')
    const ids = uuidArray(locked.map((r) => r.id))
    const dialogueIds = (
      await tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(
          inArray(
            sessions.clientId,
            locked.map((r) => r.id),
          ),
        )
    ).map((r) => r.id)
    const dialogues = uuidArray(dialogueIds)

    const cardFields = locked.reduce(
      (n, r) => n + [r.name, r.phone, r.email, r.externalId].filter((v) => v !== null).length,
      0,
    )
    await forgetValueTexts(tx, ids)
    const categories: [string, number][] = [
      ['Имя, телефон, e-mail и внешний ID карточки', cardFields],
      [
        'Значения параметров',
        await count(tx, sql`DELETE FROM ${attributeValues} WHERE ${attributeValues.clientId} = ANY(${ids})`),
      ],
      [
        'История изменений параметров',
        await count(
          tx,
          sql`UPDATE ${attributeHistory} SET old_value = NULL, new_value = NULL WHERE ${attributeHistory.clientId} = ANY(${ids})
            AND (${attributeHistory.oldValue} IS NOT NULL OR ${attributeHistory.newValue} IS NOT NULL)`,
        ),
      ],
      [
        'История имени, телефона и e-mail',
        await count(
          tx,
          sql`UPDATE ${clientFieldHistory} SET old_value = NULL, new_value = NULL WHERE ${clientFieldHistory.clientId} = ANY(${ids})`,
        ),
      ],
      ['Метки клиента', await count(tx, sql`DELETE FROM ${clientTags} WHERE ${clientTags.clientId} = ANY(${ids})`)],
      [
        'Тексты сообщений и ссылки на вложения',
        await count(
          tx,
          sql`UPDATE ${messages} SET body = '', attachments = '[]', author_name = CASE WHEN ${messages.authorType} = 'client' THEN NULL ELSE ${messages.authorName} END
            WHERE ${messages.sessionId} = ANY(${dialogues}) AND NOT (${messages.authorType} = 'system' AND ${messages.body} = ${ERASURE_CLOSE_LINE})`,
        ),
      ],
      [
        'Данные диалогов: тема, последние сообщения, данные канала',
        await count(
          tx,
          sql`UPDATE ${sessions} SET name = NULL, last_message = NULL, last_operator_message = NULL,
            first_client_message_after_operator = NULL, callback_data = NULL, event_callback_data = NULL
            WHERE ${sessions.id} = ANY(${dialogues})`,
        ),
      ],
      [
        'Прежние редакции заметок',
        await count(
          tx,
          sql`DELETE FROM ${commentRevisions} WHERE ${commentRevisions.commentId} IN (SELECT ${comments.id} FROM ${comments} WHERE ${comments.clientId} = ANY(${ids}))`,
        ),
      ],
      ['Заметки сотрудников', await count(tx, sql`DELETE FROM ${comments} WHERE ${comments.clientId} = ANY(${ids})`)],
      [
        'Значения, найденные в сообщениях',
        await count(tx, sql`DELETE FROM ${suggestions} WHERE ${suggestions.clientId} = ANY(${ids})`),
      ],
      [
        'Прежние внешние ID (после объединений)',
        await count(tx, sql`DELETE FROM ${clientAliases} WHERE ${clientAliases.clientId} = ANY(${ids})`),
      ],
      ['Записи массовых изменений', await count(tx, batchScrubSql(ids))],
      [
        'Копии данных для отмены объединений',
        await count(
          tx,
          sql`UPDATE ${clientMerges} SET snapshot = jsonb_build_object('erased', true) WHERE ${clientMerges.targetId} = ANY(${ids})
            AND NOT (${clientMerges.snapshot} ? 'erased')`,
        ),
      ],
    ]
    await forgetClientEvents(
      tx,
      e.companyId,
      locked.map((r) => r.id),
      dialogueIds,
    )
    await tx.delete(reviewPending).where(
      inArray(
        reviewPending.clientId,
        locked.map((r) => r.id),
      ),
    )
    await scrubJournal(tx, e.companyId, locked)
    await tx.execute(sql`UPDATE ${c} SET name = ${stubName(e.companyId)}, phone = NULL, email = NULL, external_id = NULL,
      metadata = '{}', erased_at = clock_timestamp(), blocked_at = NULL, blocked_reason = NULL, version = ${c.version} + 1,
      updated_at = greatest(${c.updatedAt}, clock_timestamp()) WHERE ${c.id} = ANY(${ids})`)
    // `client.deleted` carries the id only.
    await tx.execute(
      outboxSql(
        e.companyId,
        'client.deleted',
        sql`SELECT ${clientQueue(sql`x.id::text`)} AS queue, jsonb_build_object('clientId', x.id, 'erased', true) AS data
          FROM unnest(${ids}) x(id)`,
      ),
    )
    const line = await e.journal(tx, locked)
    return createAct(tx, e, { clientIds: locked.map((r) => r.id), categories, lineId: line.id })
  })
}

/**
 * Bulk edits that changed these clients keep what they were asked to do: the filter (a keyword may be the
 * person's name) goes from those finished, and the values they set go from those that changed only these
 * clients. An interrupted one keeps its filter, to be resumed or undone.
 */
function batchScrubSql(ids: SQL) {
  const histories = [attributeHistory, clientTagHistory, clientFieldHistory]
  const touched = sql.join(
    histories.map(
      (h) => sql`SELECT ${h.batchId} AS id FROM ${h} WHERE ${h.clientId} = ANY(${ids}) AND ${h.batchId} IS NOT NULL`,
    ),
    sql` UNION `,
  )
  const others = (batch: SQL) =>
    sql.join(
      histories.map(
        (h) => sql`EXISTS (SELECT FROM ${h} WHERE ${h.batchId} = ${batch} AND ${h.clientId} <> ALL(${ids}))`,
      ),
      sql` OR `,
    )
  const b = changeBatches
  const erasedValues = sql`coalesce((SELECT jsonb_object_agg(k, ${GONE}::text) FROM jsonb_object_keys(${b.summary}->'setAttributes') k), '{}')`
  return sql`UPDATE ${b} SET resume = CASE WHEN ${b.status} = 'interrupted' THEN ${b.resume} END,
      summary = CASE WHEN ${b.summary} ? 'setAttributes' AND NOT (${others(sql`${b.id}`)})
        THEN ${b.summary} || jsonb_build_object('setAttributes', ${erasedValues}) ELSE ${b.summary} END
    WHERE ${b.id} IN (${touched}) AND ${b.kind} = 'bulk'`
}

/**
 * The Журнал lines about these clients (a merge, an export) name them by name, phone or e-mail: those words go,
 * the lines stay.
 */
async function scrubJournal(tx: Tx, companyId: string, locked: (typeof clients.$inferSelect)[]) {
  for (const r of locked) {
    const words = [r.name, r.phone, r.email, r.externalId].filter((v): v is string => !!v && v.length > 1)
    if (words.length === 0) continue
    const scrubbed = words.reduce<SQL>((s, w) => sql`replace(${s}, ${w}, ${GONE})`, sql`${auditEvents.summary}`)
    await tx.execute(sql`UPDATE ${auditEvents} SET summary = ${scrubbed} WHERE ${auditEvents.companyId} = ${companyId}
      AND (${auditEvents.clientId} = ${r.id} OR ${auditEvents.summary} LIKE '%' || ${r.id}::text || '%')`)
  }
}

async function createAct(
  tx: Tx,
  e: Erasure,
  done: { clientIds: string[]; categories: [string, number][]; lineId: string },
) {
  const a = erasureActs
  const line = sql`(SELECT jsonb_agg(jsonb_build_object('at', to_char(${auditEvents.at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'action', ${auditEvents.action}, 'actorName', ${auditEvents.actorName}, 'summary', ${auditEvents.summary}))
    FROM ${auditEvents} WHERE ${auditEvents.id} = ${done.lineId})`
  const categories = done.categories.map(([category, n]) => ({ category, count: n }))
  if (e.actId) {
    // The next chunk of the same run: its counts, clients and Журнал line join the act.
    const [act] = await tx
      .update(a)
      .set({
        clientIds: sql`${a.clientIds} || ${uuidArray(done.clientIds)}`,
        categories: sql`(SELECT jsonb_agg(jsonb_build_object('category', o.category, 'count', o.count + coalesce(n.count, 0)) ORDER BY o.i)
          FROM jsonb_to_recordset(${a.categories}) WITH ORDINALITY o(category text, count int, i)
          LEFT JOIN jsonb_to_recordset(${JSON.stringify(categories)}::jsonb) n(category text, count int) USING (category))`,
        journal: sql`${a.journal} || ${line}`,
      })
      .where(and(eq(a.id, e.actId), eq(a.companyId, e.companyId)))
      .returning()
    return toAct(act!)
  }
  // One number at a time per company.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('erasure_acts:' || ${e.companyId}::text))`)
  const [act] = await tx
    .insert(a)
    .values({
      companyId: e.companyId,
      number: sql`(SELECT coalesce(max(${a.number}), 0) + 1 FROM ${a} WHERE ${a.companyId} = ${e.companyId})`,
      requestId: e.requestId ?? null,
      subject: e.subject,
      reason: e.reason,
      clientIds: done.clientIds,
      categories,
      performedBy: e.userId,
      performedByName: e.userId
        ? sql`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${e.userId})`
        : RETENTION_PERFORMER,
      journal: line,
    })
    .returning()
  if (e.requestId) {
    await tx
      .update(privacyRequests)
      .set({ status: 'closed', resolution: 'erased', actId: act!.id, closedAt: sql`now()` })
      .where(and(eq(privacyRequests.id, e.requestId), eq(privacyRequests.companyId, e.companyId)))
  }
  return toAct(act!)
}
