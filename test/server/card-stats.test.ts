import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { CardStats } from '@shared/stats'
import { rowsOf } from '../../src/server/db/raw'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

describe('card quality figures', () => {
  it('counts fill rates, changes per day and author, tag use, stale cards and the oldest in the review queue', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const [city, age] = [await b.attribute({ name: 'Город' }), await b.attribute({ name: 'Возраст', type: 'number' })]
    const vip = await b.tag('ВИП')
    const clients = await Promise.all(['Анна', 'Борис', 'Вера', 'Глеб'].map((name) => b.client({ name })))
    for (const x of clients.slice(0, 3)) await b.set(x.id, city.id, 'Казань')
    await b.set(clients[0]!.id, age.id, '30', c.supervisor)
    await b.set(clients[0]!.id, city.id, null)
    await b.addTag(clients[1]!.id, vip.id)

    const res = await call(t, c.supervisor, 'GET', '/stats/cards?staleDays=1')
    expect(res.statusCode, res.body).toBe(200)
    const stats = res.json() as CardStats
    expect(stats.clients).toBe(4)
    expect(stats.fill).toEqual([
      { attributeId: city.id, name: 'Город', filled: 2, share: 0.5 },
      { attributeId: age.id, name: 'Возраст', filled: 1, share: 0.25 },
    ])
    const byAuthor = Object.fromEntries(stats.changes.map((x) => [x.name, x.changes]))
    expect(byAuthor).toEqual({ [c.operator.name]: 5, [c.supervisor.name]: 1 })
    expect(stats.tagUse).toEqual([expect.objectContaining({ name: 'ВИП', kind: 'client', uses: 1 })])
    expect(stats.stale).toEqual({ days: 1, before: expect.any(String), count: 0 })
    expect(stats.oldestPending).toEqual(expect.any(String))

    // A card left alone for two days is stale at one; the link's filter finds exactly it.
    await t.db.execute(sql`UPDATE clients SET updated_at = now() - interval '2 days' WHERE id = ${clients[3]!.id}`)
    const later = (await call(t, c.supervisor, 'GET', '/stats/cards?staleDays=1')).json() as CardStats
    expect(later.stale.count).toBe(1)
    const stale = (
      await call(t, c.operator, 'GET', `/clients?updatedBefore=${encodeURIComponent(later.stale.before)}`)
    ).json() as { items: { name: string }[] }
    expect(stale.items.map((x) => x.name)).toEqual(['Глеб'])
  })

  it('adds up clients created one by one, and keeps the total as its counts are folded', async () => {
    const c = await makeCompany(t)
    const other = await makeCompany(t)
    const b = cards(t, c)
    // 120 clients, each in a statement of its own, as dialogues started by new clients add them.
    for (let i = 0; i < 120; i++)
      await t.db.execute(sql`INSERT INTO clients (company_id, name) VALUES (${c.company.id}, ${`Клиент ${i}`})`)
    const rows = async () =>
      (await rowsOf(t.db, sql`SELECT 1 FROM client_counts WHERE company_id = ${c.company.id}`)).length
    const total = async () => ((await call(t, c.supervisor, 'GET', '/stats/cards')).json() as CardStats).clients
    expect(await rows()).toBe(120)
    expect(await total()).toBe(120)
    expect(await rows()).toBe(1)
    const [a, z] = [await b.client({ name: 'Анна' }), await b.client({ name: 'Яна' })]
    expect((await call(t, c.supervisor, 'POST', `/clients/${a.id}/merge`, { sourceId: z.id })).statusCode).toBe(200)
    expect(await total()).toBe(121)
    expect(((await call(t, other.supervisor, 'GET', '/stats/cards')).json() as CardStats).clients).toBe(0)
  })

  it('refuses a period that ends before it starts or is longer than two years, and an operator', async () => {
    const c = await makeCompany(t)
    expectBadInput(await call(t, c.supervisor, 'GET', '/stats/cards?from=2026-05-01&to=2026-04-01'), 'querystring.from')
    expectBadInput(await call(t, c.supervisor, 'GET', '/stats/cards?from=2023-01-01&to=2026-01-01'), 'querystring.from')
    expectBadInput(await call(t, c.supervisor, 'GET', '/stats/cards?from=01.01.2026'), 'querystring.from')
    expectError(await call(t, c.operator, 'GET', '/stats/cards'), 403)
  })
})
