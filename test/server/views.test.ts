import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MAX_SHARED_VIEWS, type SavedView } from '@shared/views'
import { savedViews } from '../../src/server/db/schema'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const views = async (who: { auth: Record<string, string> }) =>
  ((await call(t, who, 'GET', '/views')).json() as { items: SavedView[] }).items
/** Each view's name and count, as the navigation shows it: the list's count, or its own when the list has none yet. */
const viewCounts = async (who: { auth: Record<string, string> }) =>
  Promise.all(
    ((await call(t, who, 'GET', '/views')).json() as { items: SavedView[] }).items.map(async (v) => [
      v.name,
      v.counted
        ? v.count
        : ((await call(t, who, 'GET', `/views/${v.id}/count`)).json() as { count: number | null }).count,
    ]),
  )

describe('saved views of the directory', () => {
  it('saves a view for oneself or the company, counts it live, and notes an archived parameter without breaking', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const vip = await b.tag('ВИП')
    for (const [name, town] of [
      ['Анна', 'Казань'],
      ['Борис', 'Казань'],
      ['Вера', 'Уфа'],
    ] as const) {
      const client = await b.client({ name })
      await b.set(client.id, city.id, town)
      if (name !== 'Вера') await b.addTag(client.id, vip.id)
    }
    const saved = await call(t, c.supervisor, 'POST', '/views', {
      name: 'Казань',
      query: `?attr.${city.id}=Казань&sort=name&cols=phone`,
      shared: true,
    })
    expect(saved.statusCode, saved.body).toBe(201)
    expect(saved.json()).toMatchObject({
      name: 'Казань',
      count: 2,
      shared: true,
      owner: { id: c.supervisor.id },
      problem: null,
    })
    expect(
      (await call(t, c.supervisor, 'POST', '/views', { name: 'Мои ВИП', query: `tagId=${vip.id}` })).statusCode,
    ).toBe(201)

    expect(await viewCounts(c.supervisor)).toEqual([
      ['Казань', 2],
      ['Мои ВИП', 2],
    ])
    // An operator sees the company's view, not the supervisor's own; the count follows the cards.
    const unmarked = await b.client({ name: 'Глеб' })
    await b.set(unmarked.id, city.id, 'Казань')
    expect(await viewCounts(c.operator)).toEqual([['Казань', 3]])

    await call(t, c.admin, 'PATCH', `/clients/attributes/${city.id}`, { archived: true })
    const [archived] = await views(c.operator)
    expect(archived).toMatchObject({ problem: expect.stringContaining('«Город»') })
    expect((await call(t, c.operator, 'GET', `/views/${archived!.id}/count`)).json()).toMatchObject({
      count: 3,
      problem: expect.stringContaining('«Город»'),
    })
  })

  it('refuses a filter GET /clients would refuse, and lets only the author (or an admin, for a shared one) change it', async () => {
    const c = await makeCompany(t)
    const foreign = await cards(t, await makeCompany(t)).attribute({ name: 'Чужой' })
    expectBadInput(
      await call(t, c.supervisor, 'POST', '/views', { name: 'Плохой', query: `attr.${foreign.id}=*` }),
      'body.query',
    )
    expectBadInput(await call(t, c.supervisor, 'POST', '/views', { name: 'Плохой', query: 'sort=price' }), 'body.query')
    expectBadInput(await call(t, c.supervisor, 'POST', '/views', { name: '  ', query: '' }), 'body.name')
    expectError(await call(t, c.operator, 'POST', '/views', { name: 'Мой', query: '' }), 403)

    const shared = (
      await call(t, c.supervisor, 'POST', '/views', { name: 'Все', query: '', shared: true })
    ).json() as SavedView
    const own = (await call(t, c.supervisor, 'POST', '/views', { name: 'Личный', query: 'q=Анна' })).json() as SavedView
    expect((await call(t, c.admin, 'PATCH', `/views/${shared.id}`, { name: 'Все клиенты' })).json()).toMatchObject({
      name: 'Все клиенты',
    })
    expectError(await call(t, c.admin, 'DELETE', `/views/${own.id}`), 404)
    expect((await call(t, c.supervisor, 'DELETE', `/views/${own.id}`)).statusCode).toBe(204)
    const stranger = await makeCompany(t)
    expect(await views(stranger.supervisor)).toEqual([])
    expectError(await call(t, stranger.admin, 'PATCH', `/views/${shared.id}`, { name: 'x' }), 404)
  })
})

describe('many saved views', () => {
  it(`keeps at most ${MAX_SHARED_VIEWS} shared views a company; the list names the counts it does not know, and each is counted on its own, once for every panel`, async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    for (const name of ['Анна', 'Борис']) await b.set((await b.client({ name })).id, city.id, 'Казань')
    // Straight into the table: 200 views through the API would take the test's time, not the list's.
    await t.db.insert(savedViews).values(
      Array.from({ length: MAX_SHARED_VIEWS }, (_, i) => ({
        companyId: c.company.id,
        ownerId: c.supervisor.id,
        name: `Вид ${String(i).padStart(3, '0')}`,
        query: `attr.${city.id}=Казань${i % 2 ? '&q=Анна' : ''}`,
        shared: true,
      })),
    )
    const refused = expectError(
      await call(t, c.supervisor, 'POST', '/views', { name: 'Лишний', query: '', shared: true }),
      409,
    )
    expect(refused.details).toEqual([expect.objectContaining({ path: 'body.shared' })])
    const own = await call(t, c.supervisor, 'POST', '/views', { name: 'Лишний', query: '' })
    expect(own.statusCode).toBe(201)
    expectError(await call(t, c.supervisor, 'PATCH', `/views/${(own.json() as SavedView).id}`, { shared: true }), 409)

    // The list counts nothing itself: it names what it does not know, and each view's count is asked apart.
    const listed = await views(c.operator)
    expect(listed).toHaveLength(MAX_SHARED_VIEWS)
    expect(listed.filter((v) => v.counted || v.count !== null)).toEqual([])
    const expected = (v: SavedView) => (Number(v.name.slice(-3)) % 2 ? 1 : 2)
    for (const v of listed.slice(0, 10)) {
      expect((await call(t, c.operator, 'GET', `/views/${v.id}/count`)).json()).toEqual({
        count: expected(v),
        problem: null,
      })
    }
    // What was counted is remembered, for every panel and every view of the same address, until the cards change.
    const again = await views(c.operator)
    expect(again.map((v) => [v.counted, v.count])).toEqual(listed.map((v) => [true, expected(v)]))
    await b.client({ name: 'Анна вторая' }).then((x) => b.set(x.id, city.id, 'Казань'))
    const [first] = await views(c.operator)
    expect(first).toMatchObject({ name: 'Вид 000', counted: false, count: null })
    expect((await call(t, c.operator, 'GET', `/views/${first!.id}/count`)).json()).toEqual({ count: 3, problem: null })
    expectError(await call(t, c.operator, 'GET', `/views/${randomUUID()}/count`), 404)
  })
})
