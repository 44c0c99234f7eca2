import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { c, t, useTestApp } from '../support/app'
import { call, type Caller } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

type HistoryItem = {
  oldValue: string | null
  newValue: string | null
  changedAt: string
  changedBy: { id: string; name: string } | null
  source: string
}
const v1 = '/api/v1'

/** A fresh attribute and client, so each test reads only its own history. */
async function fresh(body: object = {}) {
  const attr = await t.app.inject({
    method: 'POST',
    url: `${v1}/clients/attributes`,
    headers: c.admin.auth,
    payload: { name: `Поле ${crypto.randomUUID()}`, ...body },
  })
  const client = await t.app.inject({
    method: 'POST',
    url: `${v1}/clients`,
    headers: c.operator.auth,
    payload: { name: 'Клиент' },
  })
  const path = `${v1}/clients/${client.json().id}/attributes/${attr.json().id}`
  return {
    set: (payload: object, who: Caller = c.operator, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: path, headers: { ...who.auth, ...headers }, payload }),
    clear: (query = '', who: Caller = c.operator) =>
      t.app.inject({ method: 'DELETE', url: `${path}${query}`, headers: who.auth }),
    history: async (query = '') => {
      const res = await t.app.inject({ method: 'GET', url: `${path}/history${query}`, headers: c.operator.auth })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as { count: number | null; items: HistoryItem[] }
    },
  }
}

describe('optimistic concurrency', () => {
  it('accepts the current version and answers a stale one with 409 and the current value', async () => {
    const v = await fresh()
    expect((await v.set({ value: 'первое', version: 0 })).json().version).toBe(1)
    expect((await v.set({ value: 'второе', version: 1 }, c.supervisor)).json().version).toBe(2)
    const stale = await v.set({ value: 'моё', version: 1 })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().details).toMatchObject({
      value: 'второе',
      version: 2,
      updatedBy: { id: c.supervisor.id, name: c.supervisor.name },
    })
    expect((await v.clear('?version=1')).statusCode).toBe(409)
    expect((await v.clear('?version=2')).json()).toMatchObject({ value: null, version: 3 })
    expect((await v.history()).count).toBe(3)
  })

  it('takes version 0 as "never set" and refuses it once a value exists', async () => {
    const v = await fresh()
    await v.set({ value: 'есть' })
    expect((await v.set({ value: 'другое', version: 0 })).statusCode).toBe(409)
  })

  it('lets a write without version win over whatever is there', async () => {
    const v = await fresh()
    await v.set({ value: 'а' })
    await v.set({ value: 'б' }, c.admin)
    expect((await v.set({ value: 'в' })).json()).toMatchObject({ value: 'в', version: 3 })
  })

  it('treats writing the value already there as a no-op: same version, no history, even with an old version', async () => {
    const v = await fresh({ type: 'number' })
    await v.set({ value: '3.5' })
    await v.set({ value: '4' })
    // Normalised before comparing: " 4 " is the 4 that is there.
    const again = await v.set({ value: ' 4 ' })
    expect(again.json()).toMatchObject({ value: '4', version: 2 })
    expect((await v.set({ value: '4', version: 1 })).statusCode).toBe(200)
    expect((await v.clear()).json().version).toBe(3)
    expect((await v.clear()).json().version).toBe(3)
    expect((await v.history()).count).toBe(3)
  })

  it('lets exactly one of several writes with the same version win and loses nothing from history', async () => {
    const v = await fresh()
    await v.set({ value: 'исходное' })
    const values = ['один', 'два', 'три', 'четыре', 'пять']
    const results = await Promise.all(values.map((value) => v.set({ value, version: 1 })))
    const won = results.filter((r) => r.statusCode === 200)
    expect(won).toHaveLength(1)
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(values.length - 1)
    const winner = won[0]!.json().value
    for (const r of results.filter((r) => r.statusCode === 409))
      expect(r.json().details).toMatchObject({ value: winner, version: 2 })
    const { items } = await v.history()
    expect(items.map((h) => [h.oldValue, h.newValue])).toEqual([
      ['исходное', winner],
      [null, 'исходное'],
    ])
  })

  it('lets exactly one of two first writes with version 0 win', async () => {
    const v = await fresh()
    const results = await Promise.all([v.set({ value: 'x', version: 0 }), v.set({ value: 'y', version: 0 })])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect((await v.history()).count).toBe(1)
  })

  it('keeps every concurrent write without version in history as one unbroken chain', async () => {
    const v = await fresh()
    const values = Array.from({ length: 24 }, (_, i) => `значение ${i}`)
    const results = await Promise.all(values.map((value) => v.set({ value })))
    expect(results.every((r) => r.statusCode === 200)).toBe(true)
    const { items } = await v.history()
    expect(items).toHaveLength(values.length)
    // Newest first: each change replaced exactly the value the one before it wrote.
    const chain = [...items].reverse()
    expect(chain[0]!.oldValue).toBeNull()
    chain.slice(1).forEach((h, i) => expect(h.oldValue).toBe(chain[i]!.newValue))
    expect(new Set(chain.map((h) => h.newValue))).toEqual(new Set(values))
    expect(Math.max(...results.map((r) => r.json().version))).toBe(values.length)
  })
})

describe('history', () => {
  it('lists changes newest first with who, when and the source', async () => {
    const v = await fresh()
    await v.set({ value: 'из API' }, c.admin)
    await v.set({ value: 'из панели' }, c.operator, { 'x-kartoteka-client': 'panel' })
    await v.clear()
    const { count, items } = await v.history()
    expect(count).toBe(3)
    expect(items).toEqual([
      expect.objectContaining({
        oldValue: 'из панели',
        newValue: null,
        source: 'api',
        changedBy: { id: c.operator.id, name: c.operator.name },
      }),
      expect.objectContaining({
        oldValue: 'из API',
        newValue: 'из панели',
        source: 'panel',
        changedBy: { id: c.operator.id, name: c.operator.name },
      }),
      expect.objectContaining({
        oldValue: null,
        newValue: 'из API',
        source: 'api',
        changedBy: { id: c.admin.id, name: c.admin.name },
      }),
    ])
    const times = items.map((h) => Date.parse(h.changedAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('lists every change after the one it replaced even when the clock has not moved on since', async () => {
    const b = cards(t, c)
    const plan = await b.attribute({
      name: `Тариф ${crypto.randomUUID()}`,
      type: 'select',
      options: ['Базовый', 'Премиум', 'Золотой'],
    })
    const external = `clock-${crypto.randomUUID()}`
    const [client, twin] = await Promise.all([
      b.client({ name: 'Часы', externalId: external }),
      b.client({ name: 'Часы, дубль' }),
    ])
    await b.set(twin.id, plan.id, 'Базовый')
    // Every write so far an hour ahead of the clock, as if the next one came in the same tick.
    const ahead = () =>
      t.db.execute(sql`WITH v AS (UPDATE attribute_values SET updated_at = updated_at + interval '1 hour'
        WHERE client_id = ${client.id} AND attribute_id = ${plan.id})
      UPDATE attribute_history SET changed_at = changed_at + interval '1 hour' WHERE client_id = ${client.id} AND attribute_id = ${plan.id}`)
    const ok = (res: { statusCode: number; body: string }) => expect(res.statusCode, res.body).toBe(200)
    await b.set(client.id, plan.id, 'Базовый')
    await ahead()
    await b.set(client.id, plan.id, 'Премиум')
    await ahead()
    const bulk = await call(t, c.supervisor, 'POST', '/clients/bulk', {
      filter: {},
      clientIds: [client.id],
      setAttributes: { [plan.id]: 'Золотой' },
    })
    ok(bulk)
    await ahead()
    ok(await call(t, c.supervisor, 'POST', `/batches/${bulk.json().batchId}/undo`))
    await ahead()
    ok(
      await call(t, c.admin, 'PATCH', `/clients/attributes/${plan.id}`, {
        optionRenames: [{ from: 'Премиум', to: 'Премиум+' }],
      }),
    )
    await ahead()
    ok(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/clients/import',
        headers: { ...c.admin.auth, 'content-type': 'text/csv' },
        payload: `Внешний ID;${plan.name}\r\n${external};Золотой`,
      }),
    )
    await ahead()
    ok(
      await call(t, c.supervisor, 'POST', `/clients/${client.id}/merge`, {
        sourceId: twin.id,
        prefer: { [plan.id]: 'source' },
      }),
    )

    const res = await call(t, c.operator, 'GET', `/clients/${client.id}/attributes/${plan.id}/history`)
    const items = (res.json() as { items: HistoryItem[] }).items
    expect(items.map((h) => [h.source, h.oldValue, h.newValue])).toEqual([
      ['merge', 'Золотой', 'Базовый'],
      ['import', 'Премиум+', 'Золотой'],
      ['catalog', 'Премиум', 'Премиум+'],
      ['bulk', 'Золотой', 'Премиум'],
      ['bulk', 'Премиум', 'Золотой'],
      ['api', 'Базовый', 'Премиум'],
      ['api', null, 'Базовый'],
      ['api', null, 'Базовый'], // the twin's own, which the merge brought along
    ])
    const times = items.map((h) => Date.parse(h.changedAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('pages with limit and offset and can skip the count', async () => {
    const v = await fresh()
    for (const value of ['1', '2', '3', '4', '5']) await v.set({ value })
    const page = await v.history('?limit=2&offset=1')
    expect(page.count).toBe(5)
    expect(page.items.map((h) => h.newValue)).toEqual(['4', '3'])
    expect((await v.history('?withoutCount=true')).count).toBe(-1)
  })
})
