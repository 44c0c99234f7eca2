import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import type { PGlite as CurrentPGlite } from '@electric-sql/pglite'
import { PGlite } from 'pglite-pg17'
import { pg_trgm } from 'pglite-pg17/contrib/pg_trgm'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { openPglite } from '../../src/server/db/client'
import { migrationsFolder } from '../../src/server/db/migrations-folder'
import { rowsOf } from '../../src/server/db/raw'

const migrations = join(import.meta.dirname, '../../src/server/db/migrations')
const work = mkdtempSync(join(tmpdir(), 'kartoteka-upgrade-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The migrations folder as a release that ended at `lastTag` shipped it. */
function releaseUpTo(lastTag: string) {
  const folder = join(work, lastTag)
  cpSync(migrations, folder, { recursive: true })
  const journalPath = join(folder, 'meta/_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] }
  const last = journal.entries.findIndex((e) => e.tag === lastTag)
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }))
  return folder
}

/** drizzle over the earlier engine: its types are the current engine's, its API the same. */
const oldEngineDb = (db: PGlite) => drizzle(db as unknown as CurrentPGlite)

describe('upgrading a database made by an earlier release', () => {
  it(
    'upgrades a ./data folder of the earlier engine (PGlite 0.3, PostgreSQL 17, release 0007) with every row in place',
    // Two engines start, the folder is copied and every migration since 0007 runs: about 16 s on two cores.
    { skip: Boolean(process.env.DATABASE_URL), timeout: 60_000 },
    async () => {
      const dataDir = join(work, 'data')
      mkdirSync(join(dataDir, 'pglite'), { recursive: true })
      // As the earlier release left it: <DATA_DIR>/pglite, written by PGlite 0.3.
      const before = new PGlite({ dataDir: join(dataDir, 'pglite'), extensions: { pg_trgm } })
      await migrate(oldEngineDb(before), { migrationsFolder: releaseUpTo('0007_card_fields_and_multiselect') })
      const [company, client, hobby, vip, admin] = [1, 2, 3, 4, 5].map((n) => `00000000-0000-4000-8000-00000000003${n}`)
      await before.exec(`
      INSERT INTO companies (id, name) VALUES ('${company}', 'Ромашка');
      INSERT INTO users (id, company_id, email, name, role, password_hash) VALUES ('${admin}', '${company}', 'admin@r.ru', 'Админ', 'admin', 'scrypt-hash');
      INSERT INTO clients (id, company_id, name, phone) VALUES ('${client}', '${company}', 'Иван', '+79161234567');
      INSERT INTO attributes (id, company_id, name) VALUES ('${hobby}', '${company}', 'Увлечение');
      INSERT INTO attribute_values (client_id, attribute_id, company_id, value, version) VALUES ('${client}', '${hobby}', '${company}', 'рыбалка', 2);
      INSERT INTO attribute_history (company_id, client_id, attribute_id, new_value, source) VALUES ('${company}', '${client}', '${hobby}', 'рыбалка', 'panel');
      INSERT INTO tags (id, company_id, kind, name) VALUES ('${vip}', '${company}', 'client', 'ВИП-клиент');
      INSERT INTO client_tags (client_id, tag_id) VALUES ('${client}', '${vip}');
      INSERT INTO client_tag_history (company_id, client_id, tag_id, action, source) VALUES ('${company}', '${client}', '${vip}', 'added', 'panel');
      INSERT INTO client_field_history (company_id, client_id, field, new_value, source) VALUES ('${company}', '${client}', 'name', 'Иван', 'api');`)
      await before.close()

      const database = await openPglite(dataDir)
      await database.migrate(migrationsFolder)
      const [row] = await rowsOf(
        database.db,
        sql`SELECT
      (SELECT name || ' ' || phone FROM clients) AS client, (SELECT value || ' v' || version FROM attribute_values) AS value,
      (SELECT count(*)::int FROM attribute_history) + (SELECT count(*)::int FROM client_tag_history)
        + (SELECT count(*)::int FROM client_field_history) AS history,
      (SELECT t.name FROM client_tags ct JOIN tags t ON t.id = ct.tag_id) AS tag,
      (SELECT email || ' ' || password_hash FROM users) AS sign_in, (SELECT change_count FROM review_pending) AS pending,
      current_setting('server_version_num')::int / 10000 AS engine`,
      )
      expect(row).toEqual({
        client: 'Иван +79161234567',
        value: 'рыбалка v2',
        history: 3,
        tag: 'ВИП-клиент',
        sign_in: 'admin@r.ru scrypt-hash',
        pending: 3,
        engine: 18,
      })
      await database.close()
      // The old folder stays beside the new one, and a second start opens the new one as it is.
      expect(readdirSync(dataDir).filter((name) => name.startsWith('pglite-pg17-backup-'))).toHaveLength(1)
      const again = await openPglite(dataDir)
      expect(await rowsOf(again.db, sql`SELECT name FROM clients`)).toEqual([{ name: 'Иван' }])
      await again.close()
    },
  )

  it(
    'leaves a folder of the earlier engine as it was when it cannot be copied, and says why',
    { skip: Boolean(process.env.DATABASE_URL) },
    async () => {
      const dataDir = join(work, 'broken')
      mkdirSync(join(dataDir, 'pglite'), { recursive: true })
      writeFileSync(join(dataDir, 'pglite/PG_VERSION'), '17\n')
      writeFileSync(join(dataDir, 'pglite/important.txt'), 'не трогать')
      await expect(openPglite(dataDir)).rejects.toThrow(/Upgrading the embedded database failed; .* is left as it was/)
      expect(readdirSync(dataDir)).toEqual(['pglite'])
      expect(readFileSync(join(dataDir, 'pglite/important.txt'), 'utf8')).toBe('не трогать')
    },
  )

  it(
    'keeps values, versions and cleared values when cleared values become NULL',
    { skip: Boolean(process.env.DATABASE_URL) },
    async () => {
      const database = await openPglite(null)
      await database.migrate(releaseUpTo('0002_client_directory'))
      const [company, client, hobby, city] = [1, 2, 3, 4].map((n) => `00000000-0000-4000-8000-00000000000${n}`)
      await database.db.execute(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
      await database.db.execute(sql`INSERT INTO clients (id, company_id, name) VALUES (${client}, ${company}, 'Иван')`)
      await database.db.execute(
        sql`INSERT INTO attributes (id, company_id, name) VALUES (${hobby}, ${company}, 'Увлечение'), (${city}, ${company}, 'Город')`,
      )
      // The earlier release kept a cleared value as '' with its version.
      await database.db.execute(sql`INSERT INTO attribute_values (client_id, attribute_id, company_id, value, version)
      VALUES (${client}, ${hobby}, ${company}, '', 3), (${client}, ${city}, ${company}, 'Казань', 1)`)

      await database.migrate()
      const rows = await rowsOf(
        database.db,
        sql`
      SELECT a.name, v.value, v.version FROM attribute_values v JOIN attributes a ON a.id = v.attribute_id ORDER BY a.name`,
      )
      expect(rows).toEqual([
        { name: 'Город', value: 'Казань', version: 1 },
        { name: 'Увлечение', value: null, version: 3 },
      ])
      await database.close()
    },
  )

  it(
    'fills the new dialogue fields of 0004 from the messages dialogues already have',
    { skip: Boolean(process.env.DATABASE_URL) },
    async () => {
      const database = await openPglite(null)
      await database.migrate(releaseUpTo('0003_cleared_value_null'))
      const [company, client, user, session] = [1, 2, 3, 4].map((n) => `00000000-0000-4000-8000-00000000001${n}`)
      const run = (query: ReturnType<typeof sql>) => database.db.execute(query)
      await run(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
      await run(sql`INSERT INTO clients (id, company_id, name) VALUES (${client}, ${company}, 'Иван')`)
      await run(
        sql`INSERT INTO users (id, company_id, email, name, role, password_hash) VALUES (${user}, ${company}, 'op@r.ru', 'Оля', 'operator', 'x')`,
      )
      await run(sql`INSERT INTO sessions (id, company_id, client_id, operator_id, last_message, last_message_at, started_at)
      VALUES (${session}, ${company}, ${client}, ${user}, 'Спасибо', now(), now() - interval '1 hour')`)
      await run(sql`INSERT INTO messages (company_id, session_id, author_type, author_id, body, created_at) VALUES
      (${company}, ${session}, 'client', NULL, 'Где заказ?', now() - interval '50 minutes'),
      (${company}, ${session}, 'operator', ${user}, 'Уже едет', now() - interval '40 minutes'),
      (${company}, ${session}, 'client', NULL, 'Спасибо', now() - interval '30 minutes'),
      (${company}, ${session}, 'system', NULL, 'Диалог закрыт', now() - interval '20 minutes')`)

      await database.migrate()
      const [row] = await rowsOf<{ body: string; assigned: boolean; operatorSaid: string; clientAt: boolean }>(
        database.db,
        sql`
      SELECT m.body, s.operator_assigned_at IS NOT NULL AS assigned, s.last_operator_message AS "operatorSaid",
        s.last_client_message_at IS NOT NULL AS "clientAt"
      FROM sessions s JOIN messages m ON m.id = s.last_message_id`,
      )
      expect(row).toEqual({ body: 'Спасибо', assigned: true, operatorSaid: 'Уже едет', clientAt: true })
      await database.close()
    },
  )

  it(
    'takes multi-selects, catalog renames and own-field history after 0007, keeping the history before it',
    { skip: Boolean(process.env.DATABASE_URL) },
    async () => {
      const database = await openPglite(null)
      await database.migrate(releaseUpTo('0006_company_time_zone'))
      const [company, client, city] = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000002${n}`)
      const run = (query: ReturnType<typeof sql>) => database.db.execute(query)
      await run(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
      await run(sql`INSERT INTO clients (id, company_id, name) VALUES (${client}, ${company}, 'Иван')`)
      await run(
        sql`INSERT INTO attributes (id, company_id, name, type, options) VALUES (${city}, ${company}, 'Город', 'select', '["СПб"]')`,
      )
      await run(
        sql`INSERT INTO attribute_history (company_id, client_id, attribute_id, new_value, source) VALUES (${company}, ${client}, ${city}, 'СПб', 'panel')`,
      )

      await database.migrate()
      await run(
        sql`INSERT INTO attributes (company_id, name, type, options) VALUES (${company}, 'Интересы', 'multiselect', '["Спорт"]')`,
      )
      await run(sql`INSERT INTO attribute_history (company_id, client_id, attribute_id, old_value, new_value, source)
      VALUES (${company}, ${client}, ${city}, 'СПб', 'Санкт-Петербург', 'catalog')`)
      await run(sql`INSERT INTO client_field_history (company_id, client_id, field, old_value, new_value, source)
      VALUES (${company}, ${client}, 'name', 'Иван', 'Иван Петров', 'panel')`)
      const rows = await rowsOf(
        database.db,
        sql`SELECT new_value, source FROM attribute_history ORDER BY changed_at, source DESC`,
      )
      expect(rows).toEqual([
        { new_value: 'СПб', source: 'panel' },
        { new_value: 'Санкт-Петербург', source: 'catalog' },
      ])
      await database.close()
    },
  )

  it(
    "fills each reviewer's queue from the last 30 days of history when the queue starts keeping marks (0009)",
    { skip: Boolean(process.env.DATABASE_URL) },
    async () => {
      const database = await openPglite(null)
      await database.migrate(releaseUpTo('0007_card_fields_and_multiselect'))
      const [company, client, city, boss, operator] = [1, 2, 3, 4, 5].map(
        (n) => `00000000-0000-4000-8000-00000000004${n}`,
      )
      const run = (query: ReturnType<typeof sql>) => database.db.execute(query)
      await run(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
      await run(sql`INSERT INTO users (id, company_id, email, name, role, password_hash) VALUES
      (${boss}, ${company}, 'boss@r.ru', 'Руководитель', 'supervisor', 'h'), (${operator}, ${company}, 'op@r.ru', 'Оператор', 'operator', 'h')`)
      await run(sql`INSERT INTO clients (id, company_id, name) VALUES (${client}, ${company}, 'Иван')`)
      await run(sql`INSERT INTO attributes (id, company_id, name) VALUES (${city}, ${company}, 'Город')`)
      await run(sql`INSERT INTO attribute_history (company_id, client_id, attribute_id, new_value, source, changed_by, changed_at) VALUES
      (${company}, ${client}, ${city}, 'Тверь', 'panel', ${operator}, now() - interval '40 days'),
      (${company}, ${client}, ${city}, 'Омск', 'panel', ${operator}, now() - interval '2 days'),
      (${company}, ${client}, ${city}, 'Омск-1', 'catalog', ${boss}, now() - interval '1 day')`)

      await database.migrate()
      const queue = () => rowsOf(database.db, sql`SELECT user_id, change_count FROM review_pending`)
      expect(await queue()).toEqual([{ user_id: boss, change_count: 1 }])
      await run(sql`INSERT INTO client_field_history (company_id, client_id, field, new_value, source, changed_by)
      VALUES (${company}, ${client}, 'name', 'Иван Петров', 'panel', ${operator})`)
      expect(await queue()).toEqual([{ user_id: boss, change_count: 2 }])
      await database.close()
    },
  )

  it(
    'stores the phones of an earlier release in E.164 where it can read them, keeping the rest as typed (0023)',
    { skip: Boolean(process.env.DATABASE_URL) },
    async () => {
      const database = await openPglite(null)
      await database.migrate(releaseUpTo('0022_batch_owners_client_version'))
      const company = '00000000-0000-4000-8000-000000000051'
      const run = (query: ReturnType<typeof sql>) => database.db.execute(query)
      await run(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
      const typed = [
        '8(916)1234571',
        '+7 910 100-10-10',
        '916 555 44 33',
        '+44 20 7946 0958',
        '12345',
        'звонить вечером',
        null,
      ]
      for (const [i, phone] of typed.entries())
        await run(sql`INSERT INTO clients (company_id, name, phone) VALUES (${company}, ${`Клиент ${i}`}, ${phone})`)

      await database.migrate()
      const rows = await rowsOf<{ phone: string | null; phone_digits: string }>(
        database.db,
        sql`SELECT phone, phone_digits FROM clients ORDER BY name`,
      )
      expect(rows.map((r) => r.phone)).toEqual([
        '+79161234571',
        '+79101001010',
        '+79165554433',
        '+442079460958',
        '12345',
        'звонить вечером',
        null,
      ])
      // The digits the search and the duplicates finder read follow, and a company reads its phones as Russian until told otherwise.
      expect(rows[0]!.phone_digits).toBe('79161234571')
      expect(await rowsOf(database.db, sql`SELECT phone_country, operators_export FROM companies`)).toEqual([
        { phone_country: 'RU', operators_export: false },
      ])
      await database.close()
    },
  )

  it(
    'finds the likely duplicates of an earlier release once the database counts shared keys (0032)',
    { skip: Boolean(process.env.DATABASE_URL) },
    async () => {
      const database = await openPglite(null)
      await database.migrate(releaseUpTo('0031_value_statistics'))
      const company = '00000000-0000-4000-8000-000000000061'
      await database.db.execute(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
      await database.db.execute(sql`INSERT INTO clients (company_id, name, phone, email) VALUES
        (${company}, 'Иван', '+79161234567', 'ivan@mail.ru'), (${company}, 'Ваня', '+79161234567', 'IVAN@mail.ru'),
        (${company}, 'Пётр', '+79031112233', NULL)`)

      await database.migrate()
      const keys = await rowsOf(database.db, sql`SELECT kind, key, clients FROM duplicate_keys ORDER BY kind, key`)
      expect(keys).toEqual([
        { kind: 'email', key: 'ivan@mail.ru', clients: 2 },
        { kind: 'phone', key: '9031112233', clients: 1 },
        { kind: 'phone', key: '9161234567', clients: 2 },
      ])
      await database.close()
    },
  )

  it(
    "keeps the events an earlier release left in the outbox, its webhooks' sent as before (0033)",
    { skip: Boolean(process.env.DATABASE_URL) },
    async () => {
      const database = await openPglite(null)
      await database.migrate(releaseUpTo('0032_duplicate_keys'))
      const company = '00000000-0000-4000-8000-000000000071'
      const hook = '00000000-0000-4000-8000-000000000072'
      const data = { clientId: '00000000-0000-4000-8000-000000000073', changes: [{ field: 'name', newValue: 'Иван' }] }
      const twin = { event: 'chatMessageCreated', data: { id: 'm1', body: 'Здравствуйте' }, callbackData: 'x' }
      await database.db.execute(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
      await database.db.execute(sql`INSERT INTO webhooks (id, company_id, url, events, secret)
        VALUES (${hook}, ${company}, 'https://crm.example/hook', '{client.updated}', 'whsec_c2VjcmV0')`)
      await database.db
        .execute(sql`INSERT INTO webhook_deliveries (webhook_id, company_id, event, queue, payload) VALUES
        (${hook}, ${company}, 'client.updated', ${`${hook}/client:1`},
          ${JSON.stringify({ type: 'client.updated', timestamp: '2026-12-01T10:00:00.000Z', data })}::jsonb),
        (NULL, ${company}, 'chatMessageCreated', 'session:1', ${JSON.stringify(twin)}::jsonb)`)

      await database.migrate()
      const rows = await rowsOf<{ webhook_id: string | null; payload: unknown }>(
        database.db,
        sql`SELECT webhook_id, payload FROM webhook_deliveries ORDER BY seq`,
      )
      expect(rows).toEqual([
        { webhook_id: hook, payload: data },
        { webhook_id: null, payload: twin },
      ])
      await database.close()
    },
  )
})
