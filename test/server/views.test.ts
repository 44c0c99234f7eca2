import { describe, expect, it } from 'vitest'
import type { SavedView } from '@shared/views'
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
