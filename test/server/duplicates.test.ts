import { describe, expect, it } from 'vitest'
import type { DuplicateGroup } from '@shared/clients'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, expectError } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

describe('likely duplicates', () => {
  it('groups clients by phone however written and by e-mail in any case, one group per set, newest first', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const anna = await b.client({ name: 'Анна', phone: '+7 916 123-45-67' })
    const anna2 = await b.client({ name: 'Анна Петрова', phone: '8 (916) 123 45 67' })
    // One number however typed: stored alike, so a merge finds nothing to choose between.
    expect([anna.phone, anna2.phone]).toEqual(['+79161234567', '+79161234567'])
    const ivan = await b.client({ name: 'Иван', email: 'ivan@mail.ru' })
    const ivan2 = await b.client({ name: 'Ваня', email: 'IVAN@mail.ru' })
    const olga = await b.client({ name: 'Ольга', phone: '+79031112233', email: 'olga@mail.ru' })
    const olga2 = await b.client({ name: ' ольга ', phone: '8 903 111-22-33', email: 'Olga@Mail.ru' })
    await b.client({ name: 'Пётр', phone: '+7 916 000-00-00' })
    // Another company's client with the same phone is not a duplicate of ours.
    await cards(t, await makeCompany(t)).client({ name: 'Анна', phone: '+7 916 123-45-67' })

    const res = await call(t, c.supervisor, 'GET', '/clients/duplicates')
    expect(res.statusCode, res.body).toBe(200)
    const { count, items } = res.json() as { count: number; items: DuplicateGroup[] }
    expect(count).toBe(3)
    expect(items.map((g) => [g.reasons, g.clients.map((x) => x.id)])).toEqual([
      [
        ['email', 'name', 'phone'],
        [olga.id, olga2.id],
      ],
      [['email'], [ivan.id, ivan2.id]],
      [['phone'], [anna.id, anna2.id]],
    ])

    const page = (await call(t, c.admin, 'GET', '/clients/duplicates?limit=1&offset=1')).json() as {
      count: number
      items: DuplicateGroup[]
    }
    expect(page.count).toBe(3)
    expect(page.items.map((g) => g.clients[0]!.name)).toEqual(['Иван'])
    expect((await call(t, c.admin, 'GET', '/clients/duplicates?offset=10')).json()).toEqual({ count: 3, items: [] })
    expectError(await call(t, c.operator, 'GET', '/clients/duplicates'), 403)
  })

  it('follows the cards: a phone changed away or a merge leaves the group, a new spelling of a number joins it', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const anna = await b.client({ name: 'Анна', phone: '+7 916 123-45-67' })
    const anna2 = await b.client({ name: 'Анна', phone: '8 916 123-45-67' })
    const groups = async () =>
      ((await call(t, c.supervisor, 'GET', '/clients/duplicates')).json() as { items: DuplicateGroup[] }).items.map(
        (g) => g.clients.map((x) => x.id),
      )
    expect(await groups()).toEqual([[anna.id, anna2.id]])

    expect((await call(t, c.operator, 'PATCH', `/clients/${anna2.id}`, { phone: '+7 903 111-22-33' })).statusCode).toBe(
      200,
    )
    expect(await groups()).toEqual([])
    const anna3 = await b.client({ name: 'Анна П.', phone: '916 123 45 67' })
    expect(await groups()).toEqual([[anna.id, anna3.id]])

    const merged = await call(t, c.supervisor, 'POST', `/clients/${anna.id}/merge`, { sourceId: anna3.id })
    expect(merged.statusCode, merged.body).toBe(200)
    expect(await groups()).toEqual([])
  })
})
