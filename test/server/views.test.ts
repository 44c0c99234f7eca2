import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MAX_SHARED_VIEWS, type SavedView } from '@shared/views'
import { savedViews } from '../../src/server/db/schema'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const views = async (who: { auth: Record<string, string> }) => ((await call(t, who, 'GET', '/views')).json() as { items: SavedView[] }).items

describe('saved views of the directory', () => {
  it('saves a view for oneself or the company, counts it live, and notes an archived parameter without breaking', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const vip = await b.tag('ВИП')
    for (const [name, town] of [['Анна', 'Казань'], ['Борис', 'Казань'], ['Вера', 'Уфа']] as const) {
      const client = await b.client({ name })
      await b.set(client.id, city.id, town)
      if (name !== 'Вера') await b.addTag(client.id, vip.id)
    }
    const saved = await call(t, c.supervisor, 'POST', '/views', { name: 'Казань', query: `?attr.${city.id}=Казань&sort=name&cols=phone`, shared: true })
    expect(saved.statusCode, saved.body).toBe(201)
    expect(saved.json()).toMatchObject({ name: 'Казань', count: 2, shared: true, owner: { id: c.supervisor.id }, problem: null })
    expect((await call(t, c.supervisor, 'POST', '/views', { name: 'Мои ВИП', query: `tagId=${vip.id}` })).statusCode).toBe(201)

    expect((await views(c.supervisor)).map((v) => [v.name, v.count])).toEqual([['Казань', 2], ['Мои ВИП', 2]])
    // An operator sees the company's view, not the supervisor's own; the count follows the cards.
    const unmarked = await b.client({ name: 'Глеб' })
    await b.set(unmarked.id, city.id, 'Казань')
    expect((await views(c.operator)).map((v) => [v.name, v.count])).toEqual([['Казань', 3]])

    await call(t, c.admin, 'PATCH', `/clients/attributes/${city.id}`, { archived: true })
    const [archived] = await views(c.operator)
    expect(archived).toMatchObject({ count: 3, problem: expect.stringContaining('«Город»') })
  })

  it('refuses a filter GET /clients would refuse, and lets only the author (or an admin, for a shared one) change it', async () => {
    const c = await makeCompany(t)
    const foreign = await cards(t, await makeCompany(t)).attribute({ name: 'Чужой' })
    expectBadInput(await call(t, c.supervisor, 'POST', '/views', { name: 'Плохой', query: `attr.${foreign.id}=*` }), 'body.query')
    expectBadInput(await call(t, c.supervisor, 'POST', '/views', { name: 'Плохой', query: 'sort=price' }), 'body.query')
    expectBadInput(await call(t, c.supervisor, 'POST', '/views', { name: '  ', query: '' }), 'body.name')
    expectError(await call(t, c.operator, 'POST', '/views', { name: 'Мой', query: '' }), 403)

    const shared = (await call(t, c.supervisor, 'POST', '/views', { name: 'Все', query: '', shared: true })).json() as SavedView
    const own = (await call(t, c.supervisor, 'POST', '/views', { name: 'Личный', query: 'q=Анна' })).json() as SavedView
    expect((await call(t, c.admin, 'PATCH', `/views/${shared.id}`, { name: 'Все клиенты' })).json()).toMatchObject({ name: 'Все клиенты' })
    expectError(await call(t, c.admin, 'DELETE', `/views/${own.id}`), 404)
    expect((await call(t, c.supervisor, 'DELETE', `/views/${own.id}`)).statusCode).toBe(204)
    const stranger = await makeCompany(t)
    expect(await views(stranger.supervisor)).toEqual([])
    expectError(await call(t, stranger.admin, 'PATCH', `/views/${shared.id}`, { name: 'x' }), 404)
  })
})

describe('many saved views', () => {
  it(`keeps at most ${MAX_SHARED_VIEWS} shared views a company; the list counts as time allows and names the views left to count`, async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    for (const name of ['Анна', 'Борис']) await b.set((await b.client({ name })).id, city.id, 'Казань')
    // Straight into the table: 200 views through the API would take the test's time, not the list's.
    await t.db.insert(savedViews).values(Array.from({ length: MAX_SHARED_VIEWS }, (_, i) => ({
      companyId: c.company.id, ownerId: c.supervisor.id, name: `Вид ${String(i).padStart(3, '0')}`, query: `attr.${city.id}=Казань${i % 2 ? '&q=Анна' : ''}`, shared: true,
    })))
    const refused = expectError(await call(t, c.supervisor, 'POST', '/views', { name: 'Лишний', query: '', shared: true }), 409)
    expect(refused.details).toEqual([expect.objectContaining({ path: 'body.shared' })])
    const own = await call(t, c.supervisor, 'POST', '/views', { name: 'Лишний', query: '' })
    expect(own.statusCode).toBe(201)
    expectError(await call(t, c.supervisor, 'PATCH', `/views/${(own.json() as SavedView).id}`, { shared: true }), 409)

    const listed = await views(c.operator)
    expect(listed).toHaveLength(MAX_SHARED_VIEWS)
    const left = listed.filter((v) => !v.counted)
    for (const v of listed.filter((x) => x.counted)) expect(v.count).toBe(Number(v.name.slice(-3)) % 2 ? 1 : 2)
    for (const v of left.slice(0, 5)) {
      expect(v.count).toBeNull()
      const res = await call(t, c.operator, 'GET', `/views/${v.id}/count`)
      expect(res.json()).toEqual({ count: Number(v.name.slice(-3)) % 2 ? 1 : 2, problem: null })
    }
    // What was counted is remembered until the cards change: the list comes back whole, then follows a change.
    await expect.poll(async () => (await views(c.operator)).every((v) => v.counted), { timeout: 30_000 }).toBe(true)
    await b.client({ name: 'Анна вторая' }).then((x) => b.set(x.id, city.id, 'Казань'))
    const [first] = await views(c.operator)
    expect(first).toMatchObject({ name: 'Вид 000', counted: true, count: 3 })
    expectError(await call(t, c.operator, 'GET', `/views/${randomUUID()}/count`), 404)
  })
})
