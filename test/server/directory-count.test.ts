import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_DIRECTORY_COUNT } from '@shared/client-directory'
import { c, makeCompany, t, useTestApp } from '../support/app'
import { call, expectBadInput } from '../support/api'

// More clients than the directory counts: a broad filter answers «более 10 000» at the cost of a bounded
// index walk, and the exact number only when asked for.
const MANY = MAX_DIRECTORY_COUNT + 25

useTestApp()
beforeAll(async () => {
  await t.db.execute(sql`INSERT INTO clients (company_id, external_id, name)
    SELECT ${c.company.id}, 'many-' || i, CASE WHEN i <= 3 THEN 'Редкая Фамилия ' || i ELSE 'Клиент ' || i END
    FROM generate_series(1, ${MANY}) i`)
}, 60_000)

const list = async (query: string) => {
  const res = await call(t, c.operator, 'GET', `/clients?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { count: number; countCapped?: true; items: unknown[] }
}

describe('the directory count at scale', () => {
  it('stops at 10,000 and says so, counts exactly when asked, and exactly below the cap', async () => {
    const broad = await list('limit=50')
    expect(broad).toMatchObject({ count: MAX_DIRECTORY_COUNT, countCapped: true })
    expect(broad.items).toHaveLength(50)
    // Past the first page too (the count is a statement of its own there).
    expect(await list('limit=50&offset=10000&withoutItems=true')).toMatchObject({ count: 10_000, countCapped: true })

    const exact = await list('limit=1&withCount=exact')
    expect(exact.count).toBe(MANY)
    expect(exact).not.toHaveProperty('countCapped')

    const narrow = await list(`keyword=${encodeURIComponent('Редкая')}`)
    expect(narrow.count).toBe(3)
    expect(narrow).not.toHaveProperty('countCapped')
    expect(await list('withoutCount=true&limit=1')).toMatchObject({ count: -1 })
  })

  it('counts every client exactly as cards come and go, and no other company’s', async () => {
    const other = await makeCompany(t)
    expect((await call(t, other.operator, 'POST', '/clients', { name: 'Чужой' })).statusCode).toBe(201)
    const created = (await call(t, c.operator, 'POST', '/clients', { name: 'Новая карточка' })).json() as { id: string }
    expect((await list('limit=1&withCount=exact')).count).toBe(MANY + 1)
    const into = (await list('limit=1')).items[0] as { id: string }
    const merged = await call(t, c.supervisor, 'POST', `/clients/${into.id}/merge`, { sourceId: created.id })
    expect(merged.statusCode, merged.body).toBe(200)
    expect((await list('limit=1&withCount=exact')).count).toBe(MANY)
    expect((await call(t, other.operator, 'GET', '/clients?withCount=exact')).json()).toMatchObject({ count: 1 })
  })

  it('pages a broad filter in order, by cursor too, read along the sort', async () => {
    const names = (page: { items: unknown[] }) => (page.items as { name: string }[]).map((i) => i.name)
    const first = await list(`keyword=${encodeURIComponent('Клиент')}&sort=name&order=desc&limit=3`)
    expect(first).toMatchObject({ count: MAX_DIRECTORY_COUNT, countCapped: true })
    expect(names(first)).toEqual(['Клиент 9999', 'Клиент 9998', 'Клиент 9997'])
    const cursor = (first as { nextCursor?: string }).nextCursor!
    const second = await list(
      `keyword=${encodeURIComponent('Клиент')}&sort=name&order=desc&limit=2&withoutCount=true&cursor=${cursor}`,
    )
    expect(names(second)).toEqual(['Клиент 9996', 'Клиент 9995'])
  })

  it('finds the page of a broad filter whose matches sit far down the sort, and continues from it', async () => {
    // Another company: 1,000 clients whose names sort before all of the keyword's 10,025 matches.
    const other = await makeCompany(t)
    await t.db.execute(sql`INSERT INTO clients (company_id, name)
      SELECT ${other.company.id}, CASE WHEN i <= 1000 THEN 'Аверин ' || i ELSE 'Клиент ' || (i - 1000) END
      FROM generate_series(1, ${1000 + MANY}) i`)
    await t.db.execute(sql`ANALYZE clients`)
    const names = (page: { items: unknown[] }) => (page.items as { name: string }[]).map((i) => i.name)
    const res = await call(
      t,
      other.operator,
      'GET',
      `/clients?keyword=${encodeURIComponent('Клиент')}&sort=name&limit=3`,
    )
    const first = res.json() as { count: number; items: unknown[]; nextCursor: string }
    expect(first).toMatchObject({ count: MAX_DIRECTORY_COUNT, countCapped: true })
    expect(names(first)).toEqual(['Клиент 1', 'Клиент 10', 'Клиент 100'])
    const next = (
      await call(
        t,
        other.operator,
        'GET',
        `/clients?keyword=${encodeURIComponent('Клиент')}&sort=name&limit=2&cursor=${first.nextCursor}`,
      )
    ).json() as { items: unknown[] }
    expect(names(next)).toEqual(['Клиент 1000', 'Клиент 10000'])
    // A tag that no one carries, read along the sort with each client looked up.
    const tag = (await call(t, other.admin, 'POST', '/clients/tags', { name: 'Никому' })).json()
    const untagged = (
      await call(t, other.operator, 'GET', `/clients?withoutTagId=${tag.id}&sort=name&order=desc&limit=2`)
    ).json() as { count: number; items: unknown[] }
    expect(untagged).toMatchObject({ count: MAX_DIRECTORY_COUNT, countCapped: true })
    expect(names(untagged)).toEqual(['Клиент 9999', 'Клиент 9998'])
  })

  it('counts exactly a keyword that matches more than 10,000 parameter values together with a tag', async () => {
    const hobby = (await call(t, c.admin, 'POST', '/clients/attributes', { name: 'Увлечение', type: 'text' })).json()
    const tag = (await call(t, c.admin, 'POST', '/clients/tags', { name: 'Садовод' })).json()
    await t.db.execute(sql`INSERT INTO attribute_values (client_id, attribute_id, company_id, value)
      SELECT id, ${hobby.id}, company_id, 'садоводство' FROM clients WHERE company_id = ${c.company.id}`)
    // Every third client carries the tag: about 3,300 of the 10,025 the keyword finds.
    await t.db.execute(sql`INSERT INTO client_tags (client_id, tag_id)
      SELECT id, ${tag.id} FROM clients WHERE company_id = ${c.company.id} AND substring(external_id from 6)::int % 3 = 0`)
    // As autovacuum would after such a load: unanalyzed, PostgreSQL checks each client against all 10,025 ids.
    await t.db.execute(sql`ANALYZE clients, attribute_values, client_tags`)
    const query = `keyword=${encodeURIComponent('садоводство')}&tagId=${tag.id}&limit=1`
    const exact = await list(`${query}&withCount=exact`)
    expect(exact.count).toBe(Math.floor(MANY / 3))
    expect(await list(query)).toMatchObject({ count: exact.count })
    expect(await list(query)).not.toHaveProperty('countCapped')
    // The keyword alone: past the cap, counted from the values' index, and its first page found all the same.
    const alone = await list(`keyword=${encodeURIComponent('садоводство')}&limit=5`)
    expect(alone).toMatchObject({ count: MAX_DIRECTORY_COUNT, countCapped: true })
    expect(alone.items).toHaveLength(5)
  })

  it("caps a saved view's count in the navigation the same way", async () => {
    const view = (
      await call(t, c.supervisor, 'POST', '/views', { name: 'Все', query: 'sort=name', shared: true })
    ).json()
    const count = (await call(t, c.supervisor, 'GET', `/views/${view.id}/count`)).json()
    expect(count).toMatchObject({ count: MAX_DIRECTORY_COUNT, countCapped: true })
  })

  it('refuses a count mode it does not know, naming it', async () => {
    expectBadInput(await call(t, c.operator, 'GET', '/clients?withCount=approximate'), 'querystring.withCount')
  })

  it('takes a one-letter keyword, refuses one of 1,000 characters, and reads % and _ literally', async () => {
    // One letter matches names, phones and e-mails (not parameter values: those need three).
    expect((await list('keyword=%D0%A0&withCount=exact')).count).toBe(3)
    expectBadInput(await call(t, c.operator, 'GET', `/clients?keyword=${'я'.repeat(1000)}`), 'querystring.keyword')
    expect((await list(`keyword=${encodeURIComponent('%')}`)).count).toBe(0)
    expect((await list(`keyword=${encodeURIComponent('_')}`)).count).toBe(0)
    expect((await list(`keyword=${encodeURIComponent('many-1%')}`)).count).toBe(0)
  })
})
