import { describe, expect, it } from 'vitest'
import type { ClientHistoryItem } from '@shared/client-history'
import { c, makeCompany, t, useTestApp } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

async function history(clientId: string, query = '') {
  const res = await call(t, c.supervisor, 'GET', `/clients/${clientId}/history${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { count: number | null; items: ClientHistoryItem[] }
}
const short = (h: ClientHistoryItem) => [h.kind, h.action, h.attribute?.name ?? h.tag?.name, h.oldValue, h.newValue]

describe('GET /clients/{clientId}/history', () => {
  it('lists attribute and client tag changes as one timeline, newest first, with who and the source', async () => {
    const b = cards(t, c)
    const city = await b.attribute({ name: `Город ${crypto.randomUUID()}` })
    const vip = await b.tag(`ВИП ${crypto.randomUUID()}`)
    const client = await b.client({ name: 'Лента' })
    await b.set(client.id, city.id, 'Казань')
    await b.addTag(client.id, vip.id, c.supervisor)
    await call(t, c.operator, 'POST', `/clients/${client.id}/attributes/${city.id}`, { value: 'Самара' })
    const panel = { auth: { ...c.admin.auth, 'x-kartoteka-client': 'panel' } }
    expect((await call(t, panel, 'DELETE', `/clients/${client.id}/tags/${vip.id}`)).statusCode).toBe(200)
    await b.set(client.id, city.id, null)

    const { count, items } = await history(client.id)
    expect(count).toBe(5)
    expect(items.map(short)).toEqual([
      ['attribute', 'cleared', city.name, 'Самара', null],
      ['tag', 'removed', vip.name, vip.name, null],
      ['attribute', 'set', city.name, 'Казань', 'Самара'],
      ['tag', 'added', vip.name, null, vip.name],
      ['attribute', 'set', city.name, null, 'Казань'],
    ])
    expect(items[1]).toMatchObject({
      source: 'panel',
      changedBy: { id: c.admin.id, name: c.admin.name },
      tag: { id: vip.id, name: vip.name, color: 'gray' },
      attribute: null,
      clientId: client.id,
    })
    expect(items[3]).toMatchObject({ source: 'api', changedBy: { id: c.supervisor.id } })
    expect(items[0]!.attribute).toEqual({ id: city.id, name: city.name, type: 'text', archived: false })
    const times = items.map((h) => Date.parse(h.changedAt))
    expect(times).toEqual([...times].sort((x, y) => y - x))
  })

  it('pages with limit and offset and can skip the count', async () => {
    const b = cards(t, c)
    const note = await b.attribute({ name: `Заметка ${crypto.randomUUID()}` })
    const client = await b.client({ name: 'Страницы' })
    for (const v of ['1', '2', '3', '4', '5']) await b.set(client.id, note.id, v)
    const page = await history(client.id, '?limit=2&offset=1')
    expect(page.count).toBe(5)
    expect(page.items.map((h) => h.newValue)).toEqual(['4', '3'])
    expect((await history(client.id, '?withoutCount=true')).count).toBe(-1)
    expectBadInput(await call(t, c.supervisor, 'GET', `/clients/${client.id}/history?limit=501`), 'querystring.limit')
  })

  it('leaves session tags out: they belong to a dialogue, not to the card', async () => {
    const session = await startDialogue(t, c.operator, { externalId: `ext-${crypto.randomUUID()}` })
    const tag = (await call(t, c.admin, 'POST', '/sessions/tags', { tag: `Сессия ${crypto.randomUUID()}` })).json()
    expect((await call(t, c.operator, 'PUT', `/sessions/${session.id}/tags/${tag.id}`)).statusCode).toBe(200)
    expect((await history(session.clientId)).count).toBe(0)
  })

  it("answers 404 for another company's client", async () => {
    const other = await makeCompany(t)
    const stranger = await cards(t, other).client({ name: 'Чужой' })
    expectError(await call(t, c.supervisor, 'GET', `/clients/${stranger.id}/history`), 404)
  })
})

describe('reverting a value', () => {
  it('is a normal write that records its own history row', async () => {
    const b = cards(t, c)
    const phone = await b.attribute({ name: `Телефон ${crypto.randomUUID()}`, type: 'phone' })
    const client = await b.client({ name: 'Возврат' })
    await b.set(client.id, phone.id, '+7 900 000-00-01')
    await b.set(client.id, phone.id, '+7 900 000-00-02')
    const earlier = (await history(client.id)).items[1]!
    const reverted = await call(t, c.supervisor, 'POST', `/clients/${client.id}/attributes/${phone.id}`, {
      value: earlier.newValue,
    })
    expect(reverted.json()).toMatchObject({ value: '+79000000001', version: 3, updatedBy: { id: c.supervisor.id } })
    const { items } = await history(client.id)
    expect(items[0]).toMatchObject({
      oldValue: '+79000000002',
      newValue: '+79000000001',
      changedBy: { id: c.supervisor.id },
    })
    expect(items).toHaveLength(3)
  })

  it('to a value the type no longer accepts is a clear 400 and changes nothing', async () => {
    const b = cards(t, c)
    const plan = await b.attribute({
      name: `Тариф ${crypto.randomUUID()}`,
      type: 'select',
      options: ['Старый', 'Новый'],
    })
    const client = await b.client({ name: 'Тариф' })
    await b.set(client.id, plan.id, 'Старый')
    await b.set(client.id, plan.id, 'Новый')
    // The admin retires the option; the history still shows it.
    expect(
      (await call(t, c.admin, 'PATCH', `/clients/attributes/${plan.id}`, { options: ['Новый', 'Премиум'] })).statusCode,
    ).toBe(200)
    const before = await history(client.id)

    const res = await call(t, c.supervisor, 'POST', `/clients/${client.id}/attributes/${plan.id}`, {
      value: 'Старый',
      version: 2,
    })
    const body = expectBadInput(res, 'body.value')
    expect(body.error).toContain('Новый, Премиум')
    const current = (await call(t, c.supervisor, 'GET', `/clients/${client.id}/attributes`))
      .json()
      .items.find((a: { id: string }) => a.id === plan.id)
    expect(current).toMatchObject({ value: 'Новый', version: 2 })
    expect(await history(client.id)).toEqual(before)
  })
})
