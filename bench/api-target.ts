// One side of `npm run bench:api`, in its own process so the load generator does not share its event
// loop: it seeds a throwaway database and serves the real API over it, and beside it each route's thin twin:
// a bare Fastify route on the same database and driver that runs the route's own SQL and answers its rows as
// JSON, with no auth, validation or hooks. It tells the parent both URLs over IPC.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import Fastify from 'fastify'
import { buildApp } from '../src/server/app'
import { createTokenService } from '../src/server/modules/auth'
import { openDatabase } from '../src/server/db/client'
import { createLocalBus } from '../src/server/modules/events'
import { loggerOptions } from '../src/server/http/log'
import { sessionListQuerySchema } from '../src/shared/sessions'
import { clientDirectoryQuerySchema } from '../src/shared/client-directory'
import { cardSql, setClientAttribute } from '../src/server/modules/cards'
import { preparedRows, rowsOf } from '../src/server/db/raw'
import { columnList } from '../src/server/db/sql-helpers'
import { itemFields, openDirectory, selectPage } from '../src/server/modules/clients'
import { getMessagesOf, postMessage, sessionListQuery, startSession } from '../src/server/modules/sessions'
import { seed } from './seed'
import { templates, webhookDeliveries, webhooks } from '../src/server/db/schema'
import { WEBHOOK_EVENTS } from '../src/shared/webhooks'

const send = (message: object) => process.send!(message)
const SPREAD = 50

await serveApi()

async function serveApi() {
  const url = process.env.DATABASE_URL
  const dir = url ? null : mkdtempSync(join(tmpdir(), 'kartoteka-bench-api-'))
  const database = await openDatabase({ databaseUrl: url, dataDir: dir })
  const cleanUp = () => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
  process.on('exit', cleanUp)
  process.on('disconnect', () => void database.close().finally(() => process.exit(0)))
  await database.migrate()
  const { db } = database
  const { rows } = (await db.execute(sql`SELECT count(*)::int AS n FROM companies`)) as unknown as {
    rows: { n: number }[]
  }
  if (rows[0]!.n > 0)
    throw new Error('DATABASE_URL must point to an empty, throwaway database: it already has companies')

  const clients = Number(process.env.BENCH_CLIENTS ?? 2000)
  const s = await seed(db, clients, () => {})
  const co = s.companyId
  // The benchmark's operator downloads the directory too, as an admin may allow.
  await db.execute(sql`UPDATE companies SET operators_export = true WHERE id = ${co}`)
  // The card of the benchmark: all 40 attributes filled.
  const [card] = (
    (await db.execute(
      sql`SELECT id FROM clients WHERE company_id = ${co} ORDER BY external_id LIMIT 1`,
    )) as unknown as { rows: { id: string }[] }
  ).rows
  await db.execute(sql`INSERT INTO attribute_values (client_id, attribute_id, company_id, value, updated_by)
    SELECT ${card!.id}, a.id, ${co}, 'значение ' || a.position, ${s.operatorId} FROM attributes a
    WHERE a.company_id = ${co} AND NOT EXISTS (SELECT 1 FROM attribute_values v WHERE v.client_id = ${card!.id} AND v.attribute_id = a.id)`)
  // Dialogues for the list: 60 open, each with a last message.
  await db.execute(sql`INSERT INTO sessions (company_id, client_id, operator_id, last_message, last_message_at, started_at)
    SELECT ${co}, c.id, ${s.operatorId}, 'Здравствуйте, вопрос по заказу', now() - k * interval '1 minute', now() - k * interval '1 hour'
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM clients WHERE company_id = ${co} LIMIT 60) c`)
  const [dialogue] = (
    (await db.execute(sql`SELECT id FROM sessions WHERE company_id = ${co} LIMIT 1`)) as unknown as {
      rows: { id: string }[]
    }
  ).rows
  // The cards of 50 operators writing at once, one card each.
  const spread = (
    (await db.execute(
      sql`SELECT id FROM clients WHERE company_id = ${co} ORDER BY external_id OFFSET 1 LIMIT ${SPREAD}`,
    )) as unknown as { rows: { id: string }[] }
  ).rows.map((r) => r.id)
  const [chat] = (
    (await db.execute(sql`SELECT id FROM chats WHERE company_id = ${co} LIMIT 1`)) as unknown as {
      rows: { id: string }[]
    }
  ).rows
  await db.execute(sql`ANALYZE`)

  const secret = 'bench-secret-bench-secret-bench-secret-0123'
  const tokens = createTokenService(secret)
  const token = await tokens.sign({ userId: s.operatorId, companyId: co, role: 'operator' }, 'access', 3600)
  const app = await buildApp({
    db,
    bus: createLocalBus(),
    tokens,
    accessTokenTtlSeconds: 3600,
    loginRateLimit: 1000,
    logger: loggerOptions('info'),
    // The benchmark's webhook receiver listens on 127.0.0.1.
    webhookDelivery: { allowInternal: true },
  })
  const writeAttribute = s.attributeIds['Увлечение']!

  // What each route asks the database, through the same pool: its thin twin serves this. The reads are the
  // routes' own statements, the write its repository call.
  const directory = await openDirectory({
    db,
    companyId: co,
    role: 'operator',
    q: clientDirectoryQuerySchema.parse({ limit: '50' }),
  })
  const own: Record<string, () => Promise<unknown>> = {
    // The reads prepared, as their routes run them.
    card: () => preparedRows(db, cardSql(co, card!.id, 'operator')),
    list: () =>
      preparedRows(
        db,
        sessionListQuery(co, { ...sessionListQuerySchema.parse({ limit: '50' }), attributeFilters: [] }),
      ),
    // The write's own repository call (the client and attribute read and checked, then the value, its history
    // and the card's time in one statement), without HTTP around it.
    write: (() => {
      let i = 0
      const actor = { companyId: co, userId: s.operatorId, role: 'operator', source: 'api' } as const
      return () =>
        setClientAttribute(db, { actor, clientRef: card!.id, attributeId: writeAttribute, raw: `увлечение ${i++}` })
    })(),
    // A channel starting a dialogue with a new client and its first message, then reading that message back.
    start: (() => {
      let i = 0
      return async () => {
        const started = await startSession(db, co, {
          chatId: chat!.id,
          client: { externalId: `twin-${i++}`, name: 'Клиент канала' },
          message: { body: 'Здравствуйте, вопрос по заказу', attachments: [] },
        })
        return { ...started, messages: await getMessagesOf(db, co, [started.messageId!]) }
      }
    })(),
    // A channel posting the client's message into an open dialogue.
    message: (() => {
      let i = 0
      return () => postMessage(db, co, dialogue!.id, { authorType: 'client', body: `Сообщение клиента ${i++}` })
    })(),
    directory: () =>
      preparedRows(
        db,
        selectPage({
          db,
          dir: directory,
          where: directory.where,
          limit: 51,
          fields: itemFields(directory, [], 'capped'),
        }).getSQL(),
      ),
  }

  process.on(
    'message',
    async (
      ask: { webhook: string | null } | { backlog: string; events: number; clients: number } | { templates: number },
    ) => {
      if ('templates' in ask) {
        // The company's shared templates, each with the client's name and a parameter in it.
        const t = templates
        const rows = await rowsOf<{ id: string }>(
          db,
          sql`INSERT INTO ${t} ${columnList(t.companyId, t.name, t.code, t.body, t.folder)}
          SELECT ${co}::uuid, 'Шаблон ' || n, '/шаблон-' || n,
            'Здравствуйте, {{client.firstName}}! Ответ номер ' || n || ' про {{param.#' || ${writeAttribute}::text || ' | "ваше увлечение"}}.',
            'Папка ' || (n % 10)
          FROM generate_series(1, ${ask.templates}) n RETURNING ${t.id} AS id`,
        )
        return send({
          list: `/api/v1/templates?sessionId=${dialogue!.id}&sort=-usage`,
          render: `/api/v1/sessions/${dialogue!.id}/templates/${rows[0]!.id}/render`,
        })
      }
      if ('backlog' in ask) {
        // A webhook at this URL with `events` events of `clients` clients already waiting in the outbox.
        const [hook] = await db
          .insert(webhooks)
          .values({
            companyId: co,
            url: ask.backlog,
            events: WEBHOOK_EVENTS,
            secret: 'whsec_YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2g=',
          })
          .returning({ id: webhooks.id })
        const d = webhookDeliveries
        await db.execute(sql`INSERT INTO ${d} ${columnList(d.webhookId, d.companyId, d.event, d.queue, d.payload)}
        SELECT ${hook!.id}::uuid, ${co}::uuid, 'client.updated', ${hook!.id} || '/client:' || (n % ${ask.clients}),
          jsonb_build_object('n', n)
        FROM generate_series(1, ${ask.events}) n`)
        return send({ backlog: ask.events })
      }
      // A webhook of the company subscribed to every event at this URL (none: no webhook).
      await db.delete(webhookDeliveries).where(eq(webhookDeliveries.companyId, co))
      await db.delete(webhooks).where(eq(webhooks.companyId, co))
      if (ask.webhook) {
        await db.insert(webhooks).values({
          companyId: co,
          url: ask.webhook,
          events: WEBHOOK_EVENTS,
          secret: 'whsec_YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2g=',
        })
      }
      // Every round starts from the same tables: the dead versions of the card's rows that the previous round
      // left go first, and what it wrote is flushed, so that neither the round nor autovacuum's or a
      // checkpoint's timing decides the rate.
      await db.execute(sql`VACUUM clients, attribute_values, attribute_history, webhook_deliveries`)
      await db.execute(sql`CHECKPOINT`)
      send({ webhook: ask.webhook })
    },
  )
  const twin = Fastify()
  for (const [route, run] of Object.entries(own))
    twin.get(`/${route}`, async (_req, reply) => reply.type('application/json').send(JSON.stringify(await run())))
  send({
    url: await app.listen({ port: 0, host: '127.0.0.1' }),
    twin: await twin.listen({ port: 0, host: '127.0.0.1' }),
    kind: database.kind,
    secret,
    token,
    paths: {
      card: `/api/v1/clients/${card!.id}/attributes`,
      list: '/api/v1/sessions?limit=50',
      write: `/api/v1/clients/${card!.id}/attributes/${writeAttribute}`,
      writes: spread.map((id) => `/api/v1/clients/${id}/attributes/${writeAttribute}`),
      directory: '/api/v1/clients?limit=50',
      start: `/api/v1/chats/${chat!.id}/sessions`,
      message: `/api/v1/sessions/${dialogue!.id}/clients/messages`,
    },
  })
}
