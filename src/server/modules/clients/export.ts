import { Readable } from 'node:stream'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { multiValues, type AttributeType } from '@shared/attributes'
import { CLIENT_DIRECTORY_HELP, clientExportQuerySchema } from '@shared/client-directory'
import { audit } from '../audit'
import type { RouteContext } from '../../http/context'
import type { Db } from '../../db/client'
import { attributes, attributeValues, clients } from '../../db/schema'
import { uuidArray } from '../../db/sql-helpers'
import { openCard, visibleTo } from '../cards'
import { HttpError } from '../../http/errors'
import { getCompany } from '../accounts'
import { phoneFormatter } from '@shared/phones'
import { CSV_BOM, csvClock, csvLine } from './csv'
import type { Cursor } from './directory-query'
import { exportFields, openDirectory, readPage, type Directory } from './directory-repo'
import { preparedRows } from '../../db/raw'

type Clock = ReturnType<typeof csvClock>
/** The company's phones as their countries write them (phoneFormatter). */
type Phones = ReturnType<typeof phoneFormatter>

/**
 * Rows per database round trip: big enough to be quick, small enough that memory stays flat and that the
 * embedded database's other requests wait for no more than one short batch.
 */
const EXPORT_BATCH = 500

/** The header, in Russian; times are named with the company's zone and offset. */
const fixedColumns = (zone: string) => [
  'ID клиента',
  'Внешний ID',
  'Имя',
  'Телефон',
  'Эл. почта',
  'Теги клиента',
  `Последний диалог (${zone})`,
  `Изменён (${zone})`,
  `Создан (${zone})`,
]

type Column = { id: string; name: string; type: AttributeType }

/**
 * A value as Excel in a Russian locale reads it, and as the import takes it back: a decimal comma, да/нет,
 * dates as ДД.ММ.ГГГГ, a multi-select as "Спорт, Музыка" (not its stored JSON), phones grouped as their
 * country writes them (`phone`: phoneFormatter for the company's country).
 */
function cell(type: AttributeType, value: string | null | undefined, phone: Phones) {
  if (value == null) return value
  switch (type) {
    case 'number':
      return value.replace('.', ',')
    case 'boolean':
      return value === 'true' ? 'да' : 'нет'
    case 'date':
      return value.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3.$2.$1')
    case 'multiselect':
      return multiValues(value).join(', ')
    case 'phone':
      return phone(value)
    default:
      return value
  }
}
type Details = { client_id: string; values: Record<string, string> }

const v = alias(attributeValues, 'v')

type Page = Awaited<ReturnType<typeof readPage<ReturnType<typeof exportFields>>>>
type Batch = { rows: Page['rows']; details: Map<string, Details> }

/** A batch asked for: its clients, then their values. */
type Ahead = { page: Promise<Page>; batch: Promise<Batch> }

type Export = { db: Db; dir: Directory; columns: Column[]; clock: Clock; phone: Phones }

/**
 * The values of a keyset batch of clients, in one more round trip, folded into JSON per client (a row per client
 * to ship and parse, not one per value) from one bitmap scan. A prepared statement: planned once per connection,
 * not for every batch.
 */
async function readValues({ db, columns }: Export, rows: Page['rows']): Promise<Batch> {
  const details = rows.length
    ? await preparedRows<Details>(
        db,
        sql`SELECT ${v.clientId} AS client_id, json_object_agg(${v.attributeId}, ${v.value}) AS values FROM ${attributeValues} v
        WHERE ${v.clientId} = ANY(${uuidArray(rows.map((r) => r.id))}) AND ${v.attributeId} = ANY(${uuidArray(columns.map((c) => c.id))})
          AND ${v.value} IS NOT NULL
        GROUP BY ${v.clientId}`,
      )
    : []
  return { rows, details: new Map(details.map((d) => [d.client_id, d])) }
}

function batchLines({ rows, details }: Batch, columns: Column[], phone: Phones) {
  return rows
    .map((r) => {
      const d = details.get(r.id)
      return csvLine([
        r.id,
        r.externalId,
        r.name,
        cell('phone', r.phone, phone),
        r.email,
        r.tags,
        r.lastSessionAt,
        r.updatedAt,
        r.createdAt,
        ...columns.map((c) => cell(c.type, d?.values?.[c.id], phone)),
      ])
    })
    .join('')
}

/**
 * One chunk per keyset batch. A batch is its clients with their tags and times as text (readPage, a prepared
 * statement), then their values (readValues). The next batch's clients are asked for as soon as this one's are
 * in, beside this one's values (on PostgreSQL on another connection), and both are read while this batch's lines
 * are written and sent. The stream asks for more only once the client has taken the last chunk: memory holds
 * about two batches whatever the directory's size.
 */
async function* csvChunks(file: Export) {
  const { db, dir, columns, clock, phone } = file
  yield CSV_BOM + csvLine([...fixedColumns(clock.label), ...columns.map((c) => c.name)])
  const fields = exportFields(dir, clock.time)
  // No transaction around a batch: on the embedded database it would keep the one backend from every other
  // request until the batch's lines are written.
  const read = (cursor: Cursor | undefined): Ahead => {
    const page = readPage({ db, dir, fields, p: { limit: EXPORT_BATCH, cursor }, prepared: true })
    const batch = page.then((p) => readValues(file, p.rows))
    // A download given up while the next batch is read leaves its failure to nobody: it is awaited or dropped.
    batch.catch(() => {})
    return { page, batch }
  }
  for (let ahead: Ahead | null = read(undefined); ahead;) {
    const { batch } = ahead
    const cursor: Cursor | null = (await ahead.page).next
    ahead = cursor ? read(cursor) : null
    const current = await batch
    if (current.rows.length) yield batchLines(current, columns, phone)
  }
}

export const clientExportRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/clients/export.csv',
    {
      schema: {
        tags: ['Clients'],
        summary: 'Экспорт клиентов в CSV (операторам — если администратор разрешил)',
        description:
          'Те же фильтры и сортировка, что у GET /clients, без страниц: весь отобранный список. ' +
          'UTF-8 с BOM, разделитель «;» (так Excel в русской локали сразу делит столбцы), по столбцу на каждый ' +
          'активный параметр, теги клиента через запятую. Для Excel в русской локали: числа с запятой, да/нет, даты ' +
          'ДД.ММ.ГГГГ, время ДД.ММ.ГГГГ ЧЧ:ММ:СС в часовом поясе компании, телефоны как их пишут в их стране; импорт ' +
          'читает всё это обратно. Значения, начинающиеся с = + - @ (кроме отрицательных чисел), табуляции или ' +
          `перевода строки, экранируются апострофом. ${CLIENT_DIRECTORY_HELP}`,
        querystring: clientExportQuerySchema,
      },
    },
    async (req, reply) => {
      const { companyId } = req.auth
      const company = await getCompany(db, companyId)
      if (req.auth.role === 'operator' && !company.operatorsExport) {
        throw new HttpError(
          403,
          'Выгрузку клиентов операторам разрешает администратор (Компания → «Операторы могут выгружать клиентов в CSV»)',
        )
      }
      // Bad filters are answered with a 400 here, before the first byte of the file goes out.
      const found = await openDirectory({ db, companyId, role: req.auth.role, q: req.query })
      // A card blocked or destroyed is not exported (modules/privacy).
      const dir = { ...found, where: and(found.where, openCard(clients))! }
      const columns = await db
        .select({ id: attributes.id, name: attributes.name, type: attributes.type })
        .from(attributes)
        .where(
          and(
            eq(attributes.companyId, companyId),
            isNull(attributes.archivedAt),
            visibleTo(req.auth.role, sql`${attributes.visibleTo}`),
          ),
        )
        .orderBy(asc(attributes.position), asc(attributes.createdAt))
      const phone = phoneFormatter(company.phoneCountry)
      const chunks = csvChunks({ db, dir, columns, clock: csvClock(company.timeZone), phone })
      // The header line and the first batch are read before anything is sent: a query that fails does so
      // as a JSON error, not as a file cut off after its first line.
      const head = (await chunks.next()).value ?? ''
      const first = (await chunks.next()).value ?? ''
      const filename = `clients-${new Date().toISOString().slice(0, 10)}.csv`
      const filters = [...new URLSearchParams(req.url.split('?')[1] ?? '')].map(([k, v]) => `${k}=${v}`).join('&')
      await audit(db, req, {
        action: 'export',
        summary: `Экспорт клиентов в CSV${filters ? `, фильтры: ${filters}` : ''}`,
      })
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(
          Readable.from(
            (async function* () {
              yield head + first
              yield* chunks
            })(),
            { objectMode: false },
          ),
        )
    },
  )
}
