import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Client } from '@shared/clients'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

describe('clients', () => {
  it('creates a client, reads it back and edits it', async () => {
    const { operator } = await makeCompany(t)
    const created = await call(t, operator, 'POST', '/clients', {
      externalId: 'crm-1',
      name: '  Петров Пётр ',
      phone: '+79001112233',
      email: 'petr@example.ru',
      metadata: { source: 'crm' },
    })
    expect(created.statusCode).toBe(201)
    const client: Client = created.json()
    expect(client).toMatchObject({
      externalId: 'crm-1',
      name: 'Петров Пётр',
      phone: '+79001112233',
      email: 'petr@example.ru',
      metadata: { source: 'crm' },
      tags: [],
      lastSessionAt: null,
    })

    expect((await call(t, operator, 'GET', `/clients/${client.id}`)).json()).toEqual(client)

    const patched = await call(t, operator, 'PATCH', `/clients/${client.id}`, { phone: '+7 900 999-00-00', email: '' })
    expect(patched.statusCode).toBe(200)
    expect(patched.json()).toMatchObject({ name: 'Петров Пётр', phone: '+79009990000', email: null })
    expect((await call(t, operator, 'GET', `/clients/${client.id}`)).json().phone).toBe('+79009990000')
  })

  it('answers a duplicate externalId with 409, on create and on edit', async () => {
    const { operator } = await makeCompany(t)
    expect((await call(t, operator, 'POST', '/clients', { externalId: 'dup' })).statusCode).toBe(201)
    const body = expectError(await call(t, operator, 'POST', '/clients', { externalId: 'dup' }), 409)
    expect(body.details).toEqual([expect.objectContaining({ path: 'body.externalId' })])

    const other = (await call(t, operator, 'POST', '/clients', { externalId: 'other' })).json()
    expectError(await call(t, operator, 'PATCH', `/clients/${other.id}`, { externalId: 'dup' }), 409)
  })

  it('lets two companies use the same externalId', async () => {
    const a = await makeCompany(t)
    const b = await makeCompany(t)
    expect((await call(t, a.operator, 'POST', '/clients', { externalId: 'shared-1' })).statusCode).toBe(201)
    expect((await call(t, b.operator, 'POST', '/clients', { externalId: 'shared-1' })).statusCode).toBe(201)
  })

  it('treats blank fields from a form as empty, so clients without an externalId do not collide', async () => {
    const { operator } = await makeCompany(t)
    const blank = { externalId: '', name: 'Без номера', phone: ' ', email: '' }
    const first = await call(t, operator, 'POST', '/clients', blank)
    const second = await call(t, operator, 'POST', '/clients', blank)
    expect(first.statusCode).toBe(201)
    expect(second.statusCode, second.body).toBe(201)
    expect(first.json()).toMatchObject({ externalId: null, phone: null, email: null })
  })

  it('finds clients by part of the name, phone, email or externalId, case-insensitively', async () => {
    const { operator } = await makeCompany(t)
    const make = (c: object) => call(t, operator, 'POST', '/clients', c).then((r) => r.json() as Client)
    const ivanova = await make({
      name: 'Иванова Анна',
      phone: '+7 901 555-12-34',
      email: 'anna@mail.ru',
      externalId: 'tg-777',
    })
    const petrov = await make({
      name: 'Петров Олег',
      phone: '+7 902 000-00-01',
      email: 'oleg@yandex.ru',
      externalId: 'wa-100',
    })
    const search = async (keyword: string) =>
      (
        (await call(t, operator, 'GET', `/clients?keyword=${encodeURIComponent(keyword)}`)).json().items as Client[]
      ).map((c) => c.id)

    expect(await search('иванова')).toEqual([ivanova.id])
    expect(await search('555-12')).toEqual([ivanova.id])
    expect(await search('YANDEX')).toEqual([petrov.id])
    expect(await search('tg-7')).toEqual([ivanova.id])
    expect(await search('+790')).toHaveLength(2)
    // % and _ are ordinary characters in a search, not wildcards.
    expect(await search('%')).toEqual([])
    expect(await search('__')).toEqual([])
  })

  it('pages the list with count, limit and offset, most recent dialogue first', async () => {
    const { operator } = await makeCompany(t)
    for (let i = 1; i <= 5; i++) await call(t, operator, 'POST', '/clients', { name: `Клиент ${i}` })
    const talked = await startDialogue(t, operator, { externalId: `ext-${randomUUID()}`, name: 'Написал сегодня' })

    const first = (await call(t, operator, 'GET', '/clients?limit=2')).json()
    expect(first.count).toBe(6)
    expect(first.items).toHaveLength(2)
    expect(first.items[0].id).toBe(talked.clientId)
    expect(first.items[0].lastSessionAt).not.toBeNull()

    const pages = await Promise.all(
      [0, 2, 4].map((offset) => call(t, operator, 'GET', `/clients?limit=2&offset=${offset}`)),
    )
    const ids = pages.flatMap((p) => p.json().items.map((c: Client) => c.id))
    expect(new Set(ids).size).toBe(6)
    expect((await call(t, operator, 'GET', '/clients?offset=10')).json()).toEqual({ count: 6, items: [] })
    expect((await call(t, operator, 'GET', '/clients?withoutCount=true&limit=1')).json().count).toBe(-1)
  })

  it("lists a client's dialogues and their messages across dialogues", async () => {
    const { operator } = await makeCompany(t)
    const externalId = `ext-${randomUUID()}`
    const first = await startDialogue(t, operator, { externalId }, 'Первый вопрос')
    await call(t, operator, 'DELETE', `/sessions/${first.id}`)
    const second = await startDialogue(t, operator, { externalId }, 'Второй вопрос')

    const sessions = (await call(t, operator, 'GET', `/clients/${first.clientId}/sessions`)).json()
    expect(sessions.count).toBe(2)
    expect(sessions.items.map((s: { id: string }) => s.id)).toEqual([second.id, first.id])

    const messages = (await call(t, operator, 'GET', `/clients/${first.clientId}/messages`)).json()
    expect(messages.items.map((m: { body: string }) => m.body)).toEqual([
      'Первый вопрос',
      'Диалог закрыт',
      'Второй вопрос',
    ])
  })

  it('stores script tags in names as plain text and returns them unchanged', async () => {
    const { operator } = await makeCompany(t)
    const name = '<script>alert("x")</script> Иван & Co'
    const created = (await call(t, operator, 'POST', '/clients', { name })).json()
    const read = await call(t, operator, 'GET', `/clients/${created.id}`)
    expect(read.headers['content-type']).toMatch(/^application\/json/)
    expect(read.json().name).toBe(name)
    expect((await call(t, operator, 'GET', `/clients?keyword=${encodeURIComponent('<script>')}`)).json().count).toBe(1)
  })
})

describe('two editors of one client', () => {
  it('with a version (or If-Match) the second edit is a 409 carrying the client as it is; without one the last write wins', async () => {
    const c = await makeCompany(t)
    const created = (await call(t, c.operator, 'POST', '/clients', { name: 'Анна' })).json() as Client
    expect(created.version).toBe(1)
    const read = await call(t, c.operator, 'GET', `/clients/${created.id}`)
    expect(read.headers.etag).toBe('"1"')

    const first = await call(t, c.operator, 'PATCH', `/clients/${created.id}`, { name: 'Анна Петрова', version: 1 })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ name: 'Анна Петрова', version: 2 })
    expect(first.headers.etag).toBe('"2"')
    const second = expectError(
      await call(t, c.supervisor, 'PATCH', `/clients/${created.id}`, { name: 'Анна Сидорова', version: 1 }),
      409,
    )
    expect(second.details).toMatchObject({ name: 'Анна Петрова', version: 2 })

    const ifMatch = (tag: string, body: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/clients/${created.id}`,
        headers: { ...c.operator.auth, 'if-match': tag },
        payload: body,
      })
    expectError(await ifMatch('"1"', { phone: '+79160000000' }), 409)
    expect((await ifMatch('"2"', { phone: '+79160000000' })).json()).toMatchObject({ version: 3 })
    expect((await ifMatch('W/"3"', { email: 'anna@mail.ru' })).statusCode).toBe(200)
    expect((await call(t, c.operator, 'PATCH', `/clients/${created.id}`, { name: 'Последняя' })).json()).toMatchObject({
      name: 'Последняя',
      version: 5,
    })
    // Nothing changed: no new version.
    expect((await call(t, c.operator, 'PATCH', `/clients/${created.id}`, { name: 'Последняя' })).json()).toMatchObject({
      version: 5,
    })

    // Bad versions are a 400 that changes nothing, not a failed query.
    expectBadInput(await ifMatch('"abc"', { name: 'X' }), 'headers.if-match')
    expectBadInput(await ifMatch('"3000000000"', { name: 'X' }), 'headers.if-match')
    expectBadInput(
      await call(t, c.operator, 'PATCH', `/clients/${created.id}`, { name: 'X', version: 2 ** 31 }),
      'body.version',
    )
    expect((await call(t, c.operator, 'GET', `/clients/${created.id}`)).json()).toMatchObject({
      name: 'Последняя',
      version: 5,
    })
  })

  it("refuses a value's version beyond the database's integers with a 400, and takes If-Match for it too", async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const client = await b.client({ name: 'Борис' })
    const path = `/clients/${client.id}/attributes/${city.id}`
    expectBadInput(await call(t, c.operator, 'POST', path, { value: 'Уфа', version: 2 ** 31 }), 'body.version')
    expectBadInput(await call(t, c.operator, 'POST', path, { value: 'Уфа', version: 2 ** 53 - 1 }), 'body.version')
    expectBadInput(await call(t, c.operator, 'DELETE', `${path}?version=2147483648`), 'querystring.version')
    const written = await call(t, c.operator, 'POST', path, { value: 'Уфа', version: 0 })
    expect(written.headers.etag).toBe('"1"')
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/v1${path}`,
      headers: { ...c.supervisor.auth, 'if-match': '"0"' },
      payload: { value: 'Пермь' },
    })
    expect(expectError(stale, 409).details).toMatchObject({ value: 'Уфа', version: 1 })

    // The card carries a tag of its content: asked again unchanged, it is a 304 with no body.
    const card = await call(t, c.operator, 'GET', `/clients/${client.id}/attributes`)
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/v1/clients/${client.id}/attributes`,
      headers: { ...c.operator.auth, 'if-none-match': card.headers.etag as string },
    })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    await b.set(client.id, city.id, 'Пермь')
    const changed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/clients/${client.id}/attributes`,
      headers: { ...c.operator.auth, 'if-none-match': card.headers.etag as string },
    })
    expect(changed.statusCode).toBe(200)
  })
})
