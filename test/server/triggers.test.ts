import { getTableName, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db, type Tx } from '../../src/server/db/client'
import { rowsOf } from '../../src/server/db/raw'
import { databaseTriggers, type DatabaseTrigger } from '../../src/server/db/triggers'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

// The rules the database keeps (db/triggers.ts), each seen from the tables it keeps: the review queue and
// the card-quality figures that the "Проверка" and "Качество карточек" pages read.

const pendingFor = async (clientId: string) =>
  (await rowsOf<{ user_id: string }>(t.db, sql`SELECT user_id FROM review_pending WHERE client_id = ${clientId}`))
    .map((r) => r.user_id)
    .sort()
const filled = async (attributeId: string) =>
  (
    await rowsOf<{ filled: number }>(
      t.db,
      sql`SELECT sum(filled)::int AS filled FROM attribute_fill WHERE attribute_id = ${attributeId}`,
    )
  )[0]?.filled ?? 0
const changesBy = async (c: TestCompany, userId: string) =>
  Number(
    (
      await rowsOf<{ n: string }>(
        t.db,
        sql`SELECT coalesce(sum(changes), 0) AS n FROM card_changes_daily WHERE company_id = ${c.company.id} AND user_id = ${userId}`,
      )
    )[0]!.n,
  )
const uses = async (tagId: string) =>
  Number(
    (
      await rowsOf<{ n: string }>(
        t.db,
        sql`SELECT coalesce(sum(uses), 0) AS n FROM tag_use_daily WHERE tag_id = ${tagId}`,
      )
    )[0]!.n,
  )
const textsOf = async (attributeId: string) =>
  (
    await rowsOf<{ value: string }>(
      t.db,
      sql`SELECT value FROM attribute_value_texts WHERE attribute_id = ${attributeId} ORDER BY value`,
    )
  ).map((r) => r.value)

/** The company's keys of the duplicates page, as `kind key clients`. */
const keysOf = async (c: TestCompany) =>
  (
    await rowsOf<{ k: string }>(
      t.db,
      sql`SELECT kind || ' ' || key || ' ' || clients AS k FROM duplicate_keys WHERE company_id = ${c.company.id} ORDER BY 1`,
    )
  ).map((r) => r.k)

/** The company's clients as client_counts adds them up. */
const clientsOf = async (c: TestCompany) =>
  Number(
    (
      await rowsOf<{ n: string }>(
        t.db,
        sql`SELECT coalesce(sum(clients), 0) AS n FROM client_counts WHERE company_id = ${c.company.id}`,
      )
    )[0]!.n,
  )

/** A company with a client, a parameter and a client tag, and the reviewers who should see its changes. */
async function setUp() {
  const c = await makeCompany(t)
  const b = cards(t, c)
  const client = await b.client({ name: 'Анна' })
  const city = await b.attribute({ name: 'Город' })
  const vip = await b.tag('ВИП')
  const reviewers = [c.admin.id, c.supervisor.id].sort()
  return { c, b, client, city, vip, reviewers }
}

const checks: Record<DatabaseTrigger, () => Promise<void>> = {
  async attribute_history_review_pending() {
    const { b, client, city, reviewers } = await setUp()
    await b.set(client.id, city.id, 'Казань')
    expect(await pendingFor(client.id)).toEqual(reviewers)
  },
  async client_tag_history_review_pending() {
    const { b, client, vip, reviewers } = await setUp()
    await b.addTag(client.id, vip.id)
    expect(await pendingFor(client.id)).toEqual(reviewers)
  },
  async client_field_history_review_pending() {
    const { c, client, reviewers } = await setUp()
    expect((await call(t, c.operator, 'PATCH', `/clients/${client.id}`, { name: 'Анна Петрова' })).statusCode).toBe(200)
    expect(await pendingFor(client.id)).toEqual(reviewers)
  },
  async users_review_pending() {
    const { c, b, client, city } = await setUp()
    await b.set(client.id, city.id, 'Казань', c.supervisor)
    // The supervisor's own change is not theirs to review; as an operator they have no queue, back as a supervisor they get it.
    expect(await pendingFor(client.id)).toEqual([c.admin.id])
    await t.db.execute(sql`UPDATE users SET role = 'operator' WHERE id = ${c.admin.id}`)
    expect(await pendingFor(client.id)).toEqual([])
    await t.db.execute(sql`UPDATE users SET role = 'admin' WHERE id = ${c.admin.id}`)
    expect(await pendingFor(client.id)).toEqual([c.admin.id])
  },
  async attribute_values_fill_insert() {
    const { b, client, city } = await setUp()
    await b.set(client.id, city.id, 'Казань')
    await b.set((await b.client({ name: 'Борис' })).id, city.id, 'Самара')
    expect(await filled(city.id)).toBe(2)
  },
  async attribute_values_fill_update() {
    const { b, client, city } = await setUp()
    await b.set(client.id, city.id, 'Казань')
    await b.set(client.id, city.id, 'Самара')
    expect(await filled(city.id)).toBe(1)
    await b.set(client.id, city.id, null)
    expect(await filled(city.id)).toBe(0)
    await b.set(client.id, city.id, 'Самара')
    expect(await filled(city.id)).toBe(1)
  },
  async attribute_values_fill_delete() {
    const { c, b, client, city } = await setUp()
    const twin = await b.client({ name: 'Анна П.' })
    await b.set(client.id, city.id, 'Казань')
    await b.set(twin.id, city.id, 'Самара')
    // The merge keeps the target's value and deletes the source's.
    const merged = await call(t, c.supervisor, 'POST', `/clients/${client.id}/merge`, { sourceId: twin.id })
    expect(merged.statusCode, merged.body).toBe(200)
    expect(await filled(city.id)).toBe(1)
  },
  async attribute_history_daily() {
    const { c, b, client, city } = await setUp()
    await b.set(client.id, city.id, 'Казань')
    await b.set(client.id, city.id, 'Самара')
    expect(await changesBy(c, c.operator.id)).toBe(2)
  },
  async client_tag_history_daily() {
    const { c, b, client, vip } = await setUp()
    await b.addTag(client.id, vip.id)
    await b.removeTag(client.id, vip.id)
    expect(await changesBy(c, c.operator.id)).toBe(2)
  },
  async client_field_history_daily() {
    const { c, client } = await setUp()
    await call(t, c.operator, 'PATCH', `/clients/${client.id}`, { name: 'Анна Петрова', email: 'anna@example.ru' })
    expect(await changesBy(c, c.operator.id)).toBe(2)
  },
  async client_tag_history_use() {
    const { b, client, vip } = await setUp()
    await b.addTag(client.id, vip.id)
    await b.removeTag(client.id, vip.id)
    await b.addTag(client.id, vip.id)
    expect(await uses(vip.id)).toBe(2)
  },
  async clients_duplicate_keys_insert() {
    const { c, b } = await setUp()
    await b.client({ name: 'Иван', phone: '+7 916 123-45-67', email: 'Ivan@Mail.ru' })
    await b.client({ name: 'Ваня', phone: '8 (916) 123 45 67', email: 'ivan@mail.ru' })
    await b.client({ name: 'Пётр', phone: '+7 903 111-22-33' })
    expect(await keysOf(c)).toEqual(['email ivan@mail.ru 2', 'phone 9031112233 1', 'phone 9161234567 2'])
  },
  async clients_duplicate_keys_update() {
    const { c, b } = await setUp()
    const ivan = await b.client({ name: 'Иван', phone: '+79161234567', email: 'ivan@mail.ru' })
    await b.client({ name: 'Ваня', phone: '+79161234567' })
    const patch = (body: object) => call(t, c.operator, 'PATCH', `/clients/${ivan.id}`, body)
    expect((await patch({ phone: '+79031112233', email: null })).statusCode).toBe(200)
    expect(await keysOf(c)).toEqual(['phone 9031112233 1', 'phone 9161234567 1'])
    // The name alone leaves the keys as they are.
    expect((await patch({ name: 'Иван Петров' })).statusCode).toBe(200)
    expect(await keysOf(c)).toEqual(['phone 9031112233 1', 'phone 9161234567 1'])
  },
  async clients_duplicate_keys_delete() {
    const { c, b } = await setUp()
    const ivan = await b.client({ name: 'Иван', phone: '+79161234567', email: 'ivan@mail.ru' })
    const vanya = await b.client({ name: 'Ваня', phone: '+79161234567', email: 'vanya@mail.ru' })
    const res = await call(t, c.supervisor, 'POST', `/clients/${ivan.id}/merge`, { sourceId: vanya.id })
    expect(res.statusCode, res.body).toBe(200)
    expect(await keysOf(c)).toEqual(['email ivan@mail.ru 1', 'phone 9161234567 1'])
  },
  async clients_count_insert() {
    const { c, b } = await setUp()
    await b.client({ name: 'Иван' })
    await startDialogue(t, c.operator, { externalId: 'count-new-client' })
    expect(await clientsOf(c)).toBe(3)
  },
  async clients_count_delete() {
    const { c, b, client } = await setUp()
    const vanya = await b.client({ name: 'Ваня' })
    const res = await call(t, c.supervisor, 'POST', `/clients/${client.id}/merge`, { sourceId: vanya.id })
    expect(res.statusCode, res.body).toBe(200)
    expect(await clientsOf(c)).toBe(1)
    // A company deleted takes its clients and its counts; the clients' deletion appends nothing for it.
    await t.db.execute(sql`DELETE FROM companies WHERE id = ${c.company.id}`)
    expect(await rowsOf(t.db, sql`SELECT 1 FROM client_counts WHERE company_id = ${c.company.id}`)).toEqual([])
  },
  async attribute_values_texts_insert() {
    const { b, client, city } = await setUp()
    await b.set(client.id, city.id, 'Казань')
    await b.set((await b.client({ name: 'Борис' })).id, city.id, 'Казань')
    expect(await textsOf(city.id)).toEqual(['Казань'])
  },
  async attribute_values_texts_update() {
    const { b, client, city } = await setUp()
    await b.set(client.id, city.id, 'Казань')
    await b.set(client.id, city.id, 'Самара')
    await b.set(client.id, city.id, null)
    // The text nobody holds stays, and finds no card (modules/clients).
    expect(await textsOf(city.id)).toEqual(['Казань', 'Самара'])
  },
  async session_tags_use() {
    const { c } = await setUp()
    const session = await startDialogue(t, c.operator, { externalId: 'trigger-session' })
    const tag = (await call(t, c.admin, 'POST', '/sessions/tags', { tag: 'предоплата' })).json() as { id: string }
    expect((await call(t, c.operator, 'PUT', `/sessions/${session.id}/tags/${tag.id}`)).statusCode).toBe(200)
    expect(await uses(tag.id)).toBe(1)
  },
}

describe('rules the database keeps (db/triggers.ts)', () => {
  it('has exactly the triggers the list declares, each on its table', async () => {
    const found = await rowsOf<{ name: string; table: string }>(
      t.db,
      sql`SELECT t.tgname AS name, c.relname AS "table"
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT t.tgisinternal AND n.nspname = 'public' ORDER BY 1`,
    )
    const declared = databaseTriggers
      .map((x) => ({ name: x.name, table: getTableName(x.table) }))
      .sort((a, b) => a.name.localeCompare(b.name))
    expect(found).toEqual(declared)
  })

  for (const { name, rule } of databaseTriggers) it(`${name}: ${rule}`, checks[name])
})

describe('card-quality counters written from two connections at once', () => {
  // Two chunks of an import run on two connections: each adds to its own slot of the counters (migration 0040), so
  // neither waits for the other's commit.
  it('counts both without either waiting', { skip: !process.env.DATABASE_URL }, async () => {
    const { c, b, client, city, vip } = await setUp()
    const second = await b.client({ name: 'Борис' })
    // The text is there already: only the first writers of a new one wait for each other (migration 0041).
    await b.set((await b.client({ name: 'Вера' })).id, city.id, 'Казань')
    const other = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: null })
    const write = (db: Db | Tx, clientId: string) =>
      db.execute(sql`WITH v AS (
          INSERT INTO attribute_values (client_id, attribute_id, company_id, value)
          VALUES (${clientId}, ${city.id}, ${c.company.id}, 'Казань') RETURNING client_id)
        INSERT INTO client_tag_history (company_id, client_id, tag_id, action, source, changed_by)
        SELECT ${c.company.id}, client_id, ${vip.id}, 'added', 'import', ${c.admin.id} FROM v`)
    await t.db.transaction(async (tx) => {
      await write(tx, client.id)
      await other.db.transaction(async (tx2) => {
        await tx2.execute(sql`SET LOCAL lock_timeout = '5s'`)
        await write(tx2, second.id)
      })
    })
    await other.close()
    expect(await filled(city.id)).toBe(3)
    expect(await uses(vip.id)).toBe(2)
    expect(await changesBy(c, c.admin.id)).toBe(2)
  })
})
