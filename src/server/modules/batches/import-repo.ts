import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { ClientField } from '@shared/clients'
import {
  IMPORT_PREVIEW_ROWS,
  MAX_IMPORT_ERRORS,
  type ImportError,
  type ImportMatch,
  type ImportQuery,
  type ImportResult,
  type ImportTarget,
} from '@shared/imports'
import type { Actor } from '../../http/actor'
import type { Db, Tx } from '../../db/client'
import {
  attributes,
  attributeValues,
  batchCreatedClients,
  clientAliases,
  clients,
  clientTags,
  tags,
} from '../../db/schema'
import type { EventBus } from '../events'
import { HttpError } from '../../http/errors'
import { rowsOf } from '../../db/raw'
import { arrayParam, columnList, INDEX_KEY_TOO_LONG, isIndexKeyTooLong } from '../../db/sql-helpers'
import { openCard, writeCardChanges } from '../cards'
import { clientQueue, outboxSql } from '../webhooks'
import { phoneRule } from '../accounts'
import { chunkOrder, startBatch, type BatchRun, type resumeBatch } from './batch-repo'
import { mapColumns, readRow, type Catalog, type ImportRow } from './import-columns'
import { csvRecords } from './import-file'
import { claimKeys, forgetKeys, type Named } from './import-keys'

/** Rows per round of matching and writing (one transaction each when applied). */
const IMPORT_CHUNK = 500

async function loadCatalog(db: Db, companyId: string): Promise<Catalog> {
  const [attrs, tagRows, phone] = await Promise.all([
    db.select().from(attributes).where(eq(attributes.companyId, companyId)),
    db
      .select({ id: tags.id, name: tags.name, archivedAt: tags.archivedAt })
      .from(tags)
      .where(and(eq(tags.companyId, companyId), eq(tags.kind, 'client'))),
    phoneRule(db, companyId),
  ])
  return {
    attributes: new Map(
      attrs.map((a) => [
        a.id,
        { id: a.id, name: a.name, type: a.type, options: a.options, archived: a.archivedAt !== null },
      ]),
    ),
    tags: new Map(tagRows.filter((t) => !t.archivedAt).map((t) => [t.name.trim().toLowerCase(), t.id])),
    phone,
  }
}

/** The key a row is matched by when its ids find no one: the phone's last 10 digits or the e-mail in lower case. */
const matchKey = (r: ImportRow, by: ImportMatch) =>
  by === 'phone' && r.phone
    ? r.phone.replace(/\D/g, '').slice(-10)
    : by === 'email' && r.email
      ? r.email.toLowerCase()
      : null

/** How many candidates by phone or e-mail are read per row: more than one is already an ambiguity. */
const AMBIGUOUS_SHOWN = 3
/** `closed`: the card is blocked or destroyed (modules/privacy): its row is left out. */
type Match = { id: string; label: string; closed: boolean } | { ambiguous: string[]; many: boolean }

/**
 * The existing client of each row: by our id, else by external ID (its own or one merged into it), else by
 * `matchBy` (never a client whose external ID differs from the row's). A phone or e-mail that two or more
 * cards share picks none of them: the row is reported, not applied to whichever came first.
 */
/** The candidates of each row, best first (rank 0: our id, 1: external ID, 2: phone or e-mail). */
export function importMatchSql(companyId: string, rows: ImportRow[], by: ImportMatch) {
  const [c, a] = [alias(clients, 'c'), alias(clientAliases, 'a')]
  const key = by === 'phone' ? sql`right(${c.phoneDigits}, 10)` : by === 'email' ? sql`lower(${c.email})` : null
  const columns = {
    n: arrayParam(
      rows.map((_, i) => i),
      'int',
    ),
    id: arrayParam(
      rows.map((r) => r.id ?? null),
      'uuid',
    ),
    ext: arrayParam(
      rows.map((r) => r.externalId ?? null),
      'text',
    ),
    key: arrayParam(
      rows.map((r) => matchKey(r, by)),
      'text',
    ),
  }
  const byKey = key
    ? sql`UNION ALL SELECT ${c.id}, 2 FROM ${clients} c WHERE ${c.companyId} = ${companyId} AND ${key} = r.key
        AND (r.ext IS NULL OR ${c.externalId} IS NULL)`
    : sql``
  return sql`SELECT r.n, m.id, m.rank,
      (SELECT coalesce(${c.externalId}, ${c.name}, ${c.id}::text) FROM ${clients} c WHERE ${c.id} = m.id) AS label,
      (SELECT NOT (${openCard(c)}) FROM ${clients} c WHERE ${c.id} = m.id) AS closed
    FROM unnest(${sql.join(Object.values(columns), sql`, `)}) r(${sql.raw(Object.keys(columns).join(', '))})
    CROSS JOIN LATERAL (SELECT id, rank FROM (
      SELECT ${c.id} AS id, 0 AS rank FROM ${clients} c WHERE ${c.companyId} = ${companyId} AND ${c.id} = r.id
      UNION ALL SELECT ${c.id}, 1 FROM ${clients} c WHERE ${c.companyId} = ${companyId} AND ${c.externalId} = r.ext
      UNION ALL SELECT ${a.clientId}, 1 FROM ${clientAliases} a WHERE ${a.companyId} = ${companyId} AND ${a.externalId} = r.ext
      ${byKey}
    ) found ORDER BY rank, id LIMIT ${AMBIGUOUS_SHOWN + 1}) m`
}

async function matchRows(db: Db | Tx, companyId: string, rows: ImportRow[], by: ImportMatch) {
  const found = await rowsOf<{ n: number; id: string; rank: number; label: string; closed: boolean }>(
    db,
    importMatchSql(companyId, rows, by),
  )
  const byRow = new Map<number, typeof found>()
  for (const f of found) byRow.set(f.n, [...(byRow.get(f.n) ?? []), f])
  return new Map(
    [...byRow].map(([n, candidates]): [number, Match] => {
      const best = candidates.filter((c) => c.rank === candidates[0]!.rank)
      const [first] = best
      if (first!.rank < 2 || best.length === 1)
        return [n, { id: first!.id, label: first!.label, closed: first!.closed }]
      return [
        n,
        {
          ambiguous: best
            .slice(0, AMBIGUOUS_SHOWN)
            .map((c) => c.label)
            .sort(),
          many: best.length > AMBIGUOUS_SHOWN,
        },
      ]
    }),
  )
}

const clientsWord = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'клиентом' : 'клиентами')

type Current = {
  id: string
  name: string | null
  phone: string | null
  email: string | null
  values: Record<string, string | null> | null
  tags: string[]
}

const [c, v, t, c2] = [alias(clients, 'c'), alias(attributeValues, 'v'), alias(clientTags, 't'), alias(clients, 'c2')]
/** What the matched clients have now, for the columns of the file; locked while the chunk is written. */
const currentOf = (db: Db | Tx, ids: string[], attributeIds: string[], lock: boolean) =>
  rowsOf<Current>(
    db,
    sql`SELECT ${c.id}, ${c.name}, ${c.phone}, ${c.email},
    (SELECT json_object_agg(${v.attributeId}, ${v.value}) FROM ${attributeValues} v WHERE ${v.clientId} = ${c.id} AND ${v.attributeId} = ANY(${arrayParam(attributeIds, 'uuid')})) AS values,
    ARRAY(SELECT ${t.tagId} FROM ${clientTags} t WHERE ${t.clientId} = ${c.id}) AS tags
  FROM ${clients} c WHERE ${c.id} = ANY(${arrayParam(ids, 'uuid')})${lock ? sql` FOR UPDATE OF c` : sql``}`,
  )

/** What a chunk changes: new clients, and the fields, values and tags to write, with what was there before. */
interface Changes {
  created: { id: string; externalId: string | null; name: string | null; phone: string | null; email: string | null }[]
  fields: { clientId: string; field: ClientField; before: string | null; after: string }[]
  values: { clientId: string; attributeId: string; before: string | null; after: string }[]
  tags: { clientId: string; tagId: string }[]
  updated: Set<string>
  unchanged: number
}

/** Each row with the existing client it found (as it is now), or none: then it creates one. */
function diff(rows: { r: ImportRow; now?: Current }[]): Changes {
  const c: Changes = { created: [], fields: [], values: [], tags: [], updated: new Set(), unchanged: 0 }
  rows.forEach(({ r, now }) => {
    const clientId = now?.id ?? randomUUID()
    if (!now)
      c.created.push({
        id: clientId,
        externalId: r.externalId ?? null,
        name: r.name ?? null,
        phone: r.phone ?? null,
        email: r.email ?? null,
      })
    const before = c.fields.length + c.values.length + c.tags.length
    if (now) {
      for (const field of ['name', 'phone', 'email'] as const) {
        const after = r[field]
        if (after !== undefined && after !== now[field]) c.fields.push({ clientId, field, before: now[field], after })
      }
    }
    for (const [attributeId, after] of r.values) {
      const was = now?.values?.[attributeId] ?? null
      if (after !== was) c.values.push({ clientId, attributeId, before: was, after })
    }
    for (const tagId of new Set(r.tagIds)) if (!now?.tags.includes(tagId)) c.tags.push({ clientId, tagId })
    if (now && c.fields.length + c.values.length + c.tags.length > before) c.updated.add(clientId)
    else if (now) c.unchanged += 1
  })
  return c
}

/** Writes a chunk: the new clients, then the changes through the card write path (source `import`, the batch's id). */
async function write(tx: Tx, actor: Actor, batchId: string, c: Changes) {
  const { companyId, userId } = actor
  if (c.created.length) {
    const col = <K extends keyof Changes['created'][number]>(k: K) => c.created.map((x) => x[k])
    const { id, companyId: company, externalId, name, phone, email } = clients
    await tx.execute(sql`INSERT INTO ${clients} ${columnList(id, company, externalId, name, phone, email)}
      SELECT id, ${companyId}, ext, name, phone, email FROM unnest(${arrayParam(col('id'), 'uuid')}, ${arrayParam(col('externalId'), 'text')},
        ${arrayParam(col('name'), 'text')}, ${arrayParam(col('phone'), 'text')}, ${arrayParam(col('email'), 'text')}) u(id, ext, name, phone, email)`)
    await tx.execute(
      sql`INSERT INTO ${batchCreatedClients} ${columnList(batchCreatedClients.batchId, batchCreatedClients.clientId)} SELECT ${batchId}, unnest(${arrayParam(col('id'), 'uuid')})`,
    )
    await tx.execute(
      outboxSql(
        companyId,
        'client.created',
        sql`SELECT ${clientQueue(sql`${c2.id}::text`)} AS queue, jsonb_build_object('id', ${c2.id}, 'externalId', ${c2.externalId},
          'name', ${c2.name}, 'phone', ${c2.phone}, 'email', ${c2.email}, 'batchId', ${batchId}::uuid) AS data
        FROM ${clients} c2 WHERE ${c2.id} = ANY(${arrayParam(col('id'), 'uuid')})`,
      ),
    )
  }
  await writeCardChanges({
    tx,
    companyId,
    userId,
    source: 'import',
    batchId,
    fields: c.fields.map(({ clientId, field, after }) => ({ clientId, field, value: after })),
    values: c.values.map(({ clientId, attributeId, after }) => ({ clientId, attributeId, value: after })),
    tags: c.tags.map(({ clientId, tagId }) => ({ clientId, tagId, action: 'added' as const })),
  })
}

/** What an import counts, in all or for one chunk (recorded as it commits). */
type Counts = Record<'created' | 'updated' | 'unchanged' | 'skipped' | 'errorCount', number>
const noCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0, errorCount: 0 })

type Tally = Counts & { errors: ImportError[] }

/** Chunks written at once: on PostgreSQL two take two cores; the embedded database takes them in turn. */
const IMPORT_PARALLEL = 2

/** File rows read for one chunk: rows `from` + 1 to `to` of the file, the valid ones in `rows` with their `keys`. */
type Chunk = { rows: ImportRow[]; keys: string[][]; from: number; to: number; counts: Counts }

/** What resuming an interrupted import needs besides the same file: how it read the file. */
interface ImportResume {
  query: Pick<ImportQuery, 'matchBy' | 'columns'>
  header: string[]
}

/** How an import starts: a new batch (or none, for a dry run), or an interrupted one taken up again. */
type Start = { query: ImportQuery } | { resumed: Awaited<ReturnType<typeof resumeBatch>> }

/**
 * Reads an uploaded CSV as it streams in and, unless `dryRun`, applies it in chunks of IMPORT_CHUNK rows,
 * each in its own transaction that also records the rows done and the counts, as one batch that
 * POST /imports/{id}/undo reverts. A row with any bad cell, or one that repeats an earlier row's client, is
 * reported and left out; the others go in. Existing cards only gain: an empty cell changes nothing, and
 * listed tags are added to the client's. Resumed, it reads the same file again and skips the rows done.
 */
export async function importClients({
  db,
  bus,
  actor,
  owner,
  body,
  start,
}: {
  db: Db
  bus: EventBus
  actor: Actor
  owner: string
  body: AsyncIterable<Buffer>
  start: Start
}): Promise<ImportResult> {
  const resumed = 'resumed' in start ? start.resumed : null
  const saved = resumed?.row.resume as ImportResume | undefined
  const q: ImportQuery = resumed
    ? { dryRun: false, matchBy: saved!.query.matchBy, columns: saved!.query.columns }
    : (start as { query: ImportQuery }).query
  const records = csvRecords(body)
  const first = await records.next().catch(async (err: unknown) => {
    await resumed?.giveUp()
    throw err
  })
  if (first.done || (saved && JSON.stringify(first.value) !== JSON.stringify(saved.header))) {
    await resumed?.giveUp()
    throw new HttpError(
      400,
      first.done
        ? 'Файл пуст: нужна строка заголовков и строки клиентов'
        : 'Это другой файл: заголовки не те, что у прерванного импорта. Загрузите тот же файл',
      [{ path: 'body', message: first.done ? 'пусто' : 'другие заголовки' }],
    )
  }
  const header = first.value
  const catalog = await loadCatalog(db, actor.companyId)
  const { columns, errors: columnErrors } = mapColumns(header, catalog, q.columns)
  const attributeIds = columns.map((c) => c.target).filter((t) => catalog.attributes.has(t))
  const preview = [header]
  const before = resumed?.row.summary as Partial<Counts> | undefined
  const tally: Tally = { ...noCounts(), errors: [] }
  for (const key of Object.keys(noCounts()) as (keyof Counts)[]) tally[key] = before?.[key] ?? 0
  /** Counts go to the whole import's tally and to the chunk whose rows they are about. */
  const report = (errors: ImportError[], counts: Counts) => {
    tally.errorCount += errors.length
    counts.errorCount += errors.length
    tally.errors.push(...errors.slice(0, MAX_IMPORT_ERRORS - tally.errors.length))
  }
  const count = (key: keyof Counts, n: number, counts: Counts) => {
    tally[key] += n
    counts[key] += n
  }
  let pending: Counts = noCounts()
  if (!resumed) report(columnErrors, pending)

  /** The card each row of the preview goes to (null: a new one), so that a dry run shows it. */
  const targets: ImportTarget[] = []
  const resume: ImportResume = { query: { matchBy: q.matchBy, columns: q.columns }, header }
  const run: BatchRun | null = resumed
    ? await resumed.start(null)
    : q.dryRun
      ? null
      : await startBatch({
          db,
          bus,
          actor,
          owner,
          kind: 'import',
          total: null,
          summary: { matchBy: q.matchBy },
          resume: { ...resume },
        })
  // Rows of one file must not name one client twice: the second would silently win (import-keys).
  const importId = run?.id ?? randomUUID()
  /**
   * Rows already applied before the interruption, read again only to know the file's earlier clients: every row up
   * to `after` and the spans done `ahead` of it (an import of an earlier release kept only `done`).
   */
  const progress = resumed?.row.resume as { after?: number; ahead?: [number, number][] } | undefined
  const doneBefore = resumed?.row.done ?? 0
  const after = progress?.after ?? doneBefore
  const ahead = progress?.ahead ?? []
  const applied = (row: number) => row <= after || ahead.some(([first, last]) => row >= first && row <= last)
  let rows = 0
  let chunk: ImportRow[] = []
  let chunkKeys: string[][] = []
  let chunkFrom = 0
  /** Keys of rows applied before the interruption, claimed again before any later row's. */
  let earlier: Named[] = []
  const claimEarlier = async () => {
    if (!earlier.length) return
    const known = earlier
    earlier = []
    await matchedBefore
    await claimKeys(db, importId, known)
  }

  /**
   * Leaves out the rows of a chunk that repeat an earlier row's client, matches the others to cards and keeps those
   * to write: run chunk after chunk, in the file's order.
   */
  const keep = async (tx: Db | Tx, c: Chunk) => {
    const skip = (r: ImportRow, message: string) => {
      report([{ row: r.row, column: null, message }], c.counts)
      count('skipped', 1, c.counts)
    }
    const repeats = await claimKeys(
      tx,
      importId,
      c.rows.map((r, i) => ({ row: r.row, keys: c.keys[i]! })),
    )
    const named = c.rows.filter((r, i) => {
      const repeated = repeats[i]
      if (repeated !== undefined) skip(r, `Повторяет клиента строки ${repeated}: строка пропущена`)
      return repeated === undefined
    })
    const matched = await matchRows(tx, actor.companyId, named, q.matchBy)
    const found: { r: ImportRow; id?: string }[] = []
    named.forEach((r, i) => {
      const match = matched.get(i)
      if (match && 'ambiguous' in match) {
        const what = q.matchBy === 'phone' ? 'Телефон' : 'Эл. почта'
        const many = match.many
          ? `${match.ambiguous.length} и более ${clientsWord(5)}`
          : `${match.ambiguous.length} ${clientsWord(match.ambiguous.length)}`
        return skip(
          r,
          `${what} совпадает с ${many}: ${match.ambiguous.join(', ')}. Строка пропущена: укажите ID клиента или внешний ID`,
        )
      }
      if (match?.closed)
        return skip(r, `Обработка данных клиента ${match.label} заблокирована или данные уничтожены: строка пропущена`)
      const id = match?.id
      if (r.row <= IMPORT_PREVIEW_ROWS + 1)
        targets.push({ row: r.row, clientId: id ?? null, client: match?.label ?? null })
      found.push({ r, id })
    })
    const sameClient = await claimKeys(
      tx,
      importId,
      found.map(({ r, id }) => ({ row: r.row, keys: id ? [`client:${id}`] : [] })),
    )
    return found.filter(({ r }, i) => {
      const earlier = sameClient[i]
      if (earlier !== undefined) skip(r, `Тот же клиент, что в строке ${earlier}: строка пропущена`)
      return earlier === undefined
    })
  }

  /** Locks the kept rows' cards, works out the changes and, unless a dry run, writes them. */
  const apply = async (tx: Db | Tx, c: Chunk, kept: { r: ImportRow; id?: string }[]) => {
    const ids = [...new Set(kept.flatMap((k) => (k.id ? [k.id] : [])))]
    const current = new Map((await currentOf(tx, ids, attributeIds, run !== null)).map((x) => [x.id, x]))
    // A client merged into another between matching and locking: the row is left out, not made a new card.
    const live = kept.filter(({ r, id }) => {
      if (!id || current.has(id)) return true
      report(
        [{ row: r.row, column: null, message: 'Клиента только что объединили с другим: загрузите строку ещё раз' }],
        c.counts,
      )
      count('skipped', 1, c.counts)
      return false
    })
    const changes = diff(live.map(({ r, id }) => ({ r, now: id ? current.get(id) : undefined })))
    count('created', changes.created.length, c.counts)
    count('updated', changes.updated.size, c.counts)
    count('unchanged', changes.unchanged, c.counts)
    if (run) await write(tx as Tx, actor, run.id, changes)
  }

  const order = chunkOrder<number>()
  const writing = new Set<Promise<void>>()
  let failure: unknown = null
  /** The previous chunk's matching: the next one matches after it, so a client named twice is caught. */
  let matchedBefore: Promise<void> = Promise.resolve()
  let committed = doneBefore

  /** One chunk in its own transaction, up to IMPORT_PARALLEL at once; a dry run reads them one by one. */
  const flush = async (to = rows) => {
    const c: Chunk = { rows: chunk, keys: chunkKeys, from: chunkFrom, to, counts: pending }
    ;[chunk, chunkKeys, chunkFrom, pending] = [[], [], to, noCounts()]
    if (!run) {
      if (c.rows.length) await apply(db, c, await keep(db, c))
      return
    }
    if (c.to === c.from) return
    const index = order.add(c.to)
    const previous = matchedBefore
    let matched = () => {}
    matchedBefore = new Promise((resolve) => (matched = resolve))
    // The wait comes before the transaction: on the embedded database an open one holds the one backend.
    const chunkDone = previous
      .then(() =>
        db.transaction(async (tx) => {
          let kept: Awaited<ReturnType<typeof keep>>
          try {
            kept = c.rows.length ? await keep(tx, c) : []
          } finally {
            matched()
          }
          if (kept.length) await apply(tx, c, kept)
          await run.recordChunk(
            tx,
            { done: c.to - c.from, rows: c.to - c.from, ...c.counts },
            { first: c.from + 1, last: c.to, doneUpTo: order.upTo(index) },
          )
        }),
      )
      .then(() => {
        order.finish(index)
        committed += c.to - c.from
        run.progress(committed)
      })
      .catch((err: unknown) => {
        failure ??= err
      })
      .finally(() => {
        matched() // also when the transaction did not even begin
        writing.delete(chunkDone)
      })
    writing.add(chunkDone)
    if (writing.size >= IMPORT_PARALLEL) await Promise.race(writing)
    if (failure) throw failure
  }
  /** Every chunk started has committed (or the first failure is thrown). */
  const settle = async () => {
    await Promise.all(writing)
    if (failure) throw failure
  }

  const keysOf = (r: ImportRow) =>
    [
      r.id && `id:${r.id}`,
      r.externalId && `ext:${r.externalId}`,
      matchKey(r, q.matchBy) && `key:${matchKey(r, q.matchBy)}`,
    ].filter((k): k is string => Boolean(k))

  try {
    let rowNo = 1
    for await (const cells of records) {
      rowNo += 1
      if (preview.length <= IMPORT_PREVIEW_ROWS) preview.push(cells)
      if (cells.every((c) => c.trim() === '')) continue
      rows += 1
      const { parsed, errors } = readRow(cells, rowNo, columns, catalog)
      if (applied(rows)) {
        // A span done ahead ends the chunk being read: a chunk covers file rows with none done among them.
        if (chunkFrom < rows - 1) await flush(rows - 1)
        chunkFrom = rows
        if (errors.length === 0) earlier.push({ row: rowNo, keys: keysOf(parsed) })
        if (earlier.length >= IMPORT_CHUNK) await claimEarlier()
        continue
      }
      await claimEarlier()
      if (errors.length) {
        report(errors, pending)
        count('skipped', 1, pending)
        continue
      }
      chunk.push(parsed)
      chunkKeys.push(keysOf(parsed))
      if (chunk.length >= IMPORT_CHUNK) await flush()
    }
    await flush()
    await settle()
  } catch (err) {
    if (run) {
      // The counts stay those its chunks recorded: exactly what was applied.
      await settle().catch(() => {})
      const error = isIndexKeyTooLong(err) ? INDEX_KEY_TOO_LONG : err instanceof Error ? err.message : String(err)
      await run.finish('failed', { error })
      if (err instanceof HttpError) {
        throw new HttpError(
          err.statusCode,
          `${err.message}. Импорт остановлен; уже загруженное отменяет POST /imports/${run.id}/undo`,
          err.details,
        )
      }
    }
    throw err
  } finally {
    // Done, failed or a dry run: nothing reads its keys again. (A process that stops mid-import leaves them for
    // the resume.) Failing to delete them leaves rows nobody reads, not a failed import.
    await forgetKeys(db, importId).catch(() => {})
  }
  const counts = {
    rows,
    created: tally.created,
    updated: tally.updated,
    unchanged: tally.unchanged,
    skipped: tally.skipped,
    errorCount: tally.errorCount,
  }
  await run?.finish('done', counts)
  // Chunks report as they are read and as they are matched: the list goes out in the file's order.
  const errors = tally.errors.sort((a, b) => a.row - b.row)
  return { importId: run?.id ?? null, ...counts, errors, columns, preview, targets }
}
