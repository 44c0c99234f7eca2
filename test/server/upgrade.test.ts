import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { openPglite } from '../../src/server/db/client'
import { rowsOf } from '../../src/server/routes/clients/raw'

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

describe('upgrading a database made by an earlier release', () => {
  it('keeps values, versions and cleared values when cleared values become NULL', { skip: Boolean(process.env.DATABASE_URL) }, async () => {
    const database = openPglite(null)
    const db = database.db as unknown as Parameters<typeof migrate>[0]
    await migrate(db, { migrationsFolder: releaseUpTo('0002_client_directory') })
    const [company, client, hobby, city] = [1, 2, 3, 4].map((n) => `00000000-0000-4000-8000-00000000000${n}`)
    await database.db.execute(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
    await database.db.execute(sql`INSERT INTO clients (id, company_id, name) VALUES (${client}, ${company}, 'Иван')`)
    await database.db.execute(sql`INSERT INTO attributes (id, company_id, name) VALUES (${hobby}, ${company}, 'Увлечение'), (${city}, ${company}, 'Город')`)
    // The earlier release kept a cleared value as '' with its version.
    await database.db.execute(sql`INSERT INTO attribute_values (client_id, attribute_id, company_id, value, version)
      VALUES (${client}, ${hobby}, ${company}, '', 3), (${client}, ${city}, ${company}, 'Казань', 1)`)

    await database.migrate()
    const rows = await rowsOf(database.db, sql`
      SELECT a.name, v.value, v.version FROM attribute_values v JOIN attributes a ON a.id = v.attribute_id ORDER BY a.name`)
    expect(rows).toEqual([{ name: 'Город', value: 'Казань', version: 1 }, { name: 'Увлечение', value: null, version: 3 }])
    await database.close()
  })

  it('fills the new dialogue fields of 0004 from the messages dialogues already have', { skip: Boolean(process.env.DATABASE_URL) }, async () => {
    const database = openPglite(null)
    await migrate(database.db as unknown as Parameters<typeof migrate>[0], { migrationsFolder: releaseUpTo('0003_cleared_value_null') })
    const [company, client, user, session] = [1, 2, 3, 4].map((n) => `00000000-0000-4000-8000-00000000001${n}`)
    const run = (query: ReturnType<typeof sql>) => database.db.execute(query)
    await run(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
    await run(sql`INSERT INTO clients (id, company_id, name) VALUES (${client}, ${company}, 'Иван')`)
    await run(sql`INSERT INTO users (id, company_id, email, name, role, password_hash) VALUES (${user}, ${company}, 'op@r.ru', 'Оля', 'operator', 'x')`)
    await run(sql`INSERT INTO sessions (id, company_id, client_id, operator_id, last_message, last_message_at, started_at)
      VALUES (${session}, ${company}, ${client}, ${user}, 'Спасибо', now(), now() - interval '1 hour')`)
    await run(sql`INSERT INTO messages (company_id, session_id, author_type, author_id, body, created_at) VALUES
      (${company}, ${session}, 'client', NULL, 'Где заказ?', now() - interval '50 minutes'),
      (${company}, ${session}, 'operator', ${user}, 'Уже едет', now() - interval '40 minutes'),
      (${company}, ${session}, 'client', NULL, 'Спасибо', now() - interval '30 minutes'),
      (${company}, ${session}, 'system', NULL, 'Диалог закрыт', now() - interval '20 minutes')`)

    await database.migrate()
    const [row] = await rowsOf<{ body: string; assigned: boolean; operatorSaid: string; clientAt: boolean }>(database.db, sql`
      SELECT m.body, s.operator_assigned_at IS NOT NULL AS assigned, s.last_operator_message AS "operatorSaid",
        s.last_client_message_at IS NOT NULL AS "clientAt"
      FROM sessions s JOIN messages m ON m.id = s.last_message_id`)
    expect(row).toEqual({ body: 'Спасибо', assigned: true, operatorSaid: 'Уже едет', clientAt: true })
    await database.close()
  })

  it('takes multi-selects, catalog renames and own-field history after 0007, keeping the history before it', { skip: Boolean(process.env.DATABASE_URL) }, async () => {
    const database = openPglite(null)
    await migrate(database.db as unknown as Parameters<typeof migrate>[0], { migrationsFolder: releaseUpTo('0006_company_time_zone') })
    const [company, client, city] = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000002${n}`)
    const run = (query: ReturnType<typeof sql>) => database.db.execute(query)
    await run(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Ромашка')`)
    await run(sql`INSERT INTO clients (id, company_id, name) VALUES (${client}, ${company}, 'Иван')`)
    await run(sql`INSERT INTO attributes (id, company_id, name, type, options) VALUES (${city}, ${company}, 'Город', 'select', '["СПб"]')`)
    await run(sql`INSERT INTO attribute_history (company_id, client_id, attribute_id, new_value, source) VALUES (${company}, ${client}, ${city}, 'СПб', 'panel')`)

    await database.migrate()
    await run(sql`INSERT INTO attributes (company_id, name, type, options) VALUES (${company}, 'Интересы', 'multiselect', '["Спорт"]')`)
    await run(sql`INSERT INTO attribute_history (company_id, client_id, attribute_id, old_value, new_value, source)
      VALUES (${company}, ${client}, ${city}, 'СПб', 'Санкт-Петербург', 'catalog')`)
    await run(sql`INSERT INTO client_field_history (company_id, client_id, field, old_value, new_value, source)
      VALUES (${company}, ${client}, 'name', 'Иван', 'Иван Петров', 'panel')`)
    const rows = await rowsOf(database.db, sql`SELECT new_value, source FROM attribute_history ORDER BY changed_at, source DESC`)
    expect(rows).toEqual([{ new_value: 'СПб', source: 'panel' }, { new_value: 'Санкт-Петербург', source: 'catalog' }])
    await database.close()
  })
})
