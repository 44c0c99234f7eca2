import { describe, expect, it } from 'vitest'
import { c, makeCompany, other, t, useTestApp } from '../support/app'
import { type Caller } from '../support/api'

useTestApp()

const base = '/api/v1/clients/attributes'
const create = (who: Caller, payload: unknown) =>
  t.app.inject({ method: 'POST', url: base, headers: who.auth, payload: payload as object })
const patch = (who: Caller, id: string, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url: `${base}/${id}`, headers: who.auth, payload: payload as object })
const archive = (who: Caller, id: string) => t.app.inject({ method: 'DELETE', url: `${base}/${id}`, headers: who.auth })
const catalog = async (who: Caller, query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `${base}${query}`, headers: who.auth })
  expect(res.statusCode).toBe(200)
  return res.json() as {
    count: number
    items: { id: string; name: string; position: number; archivedAt: string | null }[]
  }
}
const created = async (who: Caller, payload: object) => {
  const res = await create(who, payload)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
const errorAt = (
  res: { statusCode: number; json: () => { details: { path: string }[] } },
  status: number,
  path: string,
) => {
  expect(res.statusCode).toBe(status)
  expect(res.json().details.map((d) => d.path)).toContain(path)
}

describe('creating attributes', () => {
  it('creates a text attribute from a name alone, at the end of the list', async () => {
    const co = await makeCompany(t)
    const first = await created(co.admin, { name: 'Первый' })
    const second = await created(co.admin, { name: '  Увлечение  ' })
    expect(second).toMatchObject({
      name: 'Увлечение',
      type: 'text',
      options: [],
      description: null,
      pinned: false,
      archivedAt: null,
      usageCount: 0,
    })
    expect(second.position).toBe(first.position + 1)
    expect(typeof second.id).toBe('string')
  })

  it('creates a select with options, a description and the pinned flag', async () => {
    const attr = await created(c.admin, {
      name: 'Тариф',
      type: 'select',
      options: [' Базовый ', 'Премиум'],
      description: 'Текущий тариф',
      pinned: true,
    })
    expect(attr).toMatchObject({
      type: 'select',
      options: ['Базовый', 'Премиум'],
      description: 'Текущий тариф',
      pinned: true,
    })
  })

  it('refuses empty, whitespace-only and 101-character names', async () => {
    for (const name of ['', '   ', 'я'.repeat(101)]) errorAt(await create(c.admin, { name }), 400, 'body.name')
    expect((await create(c.admin, { name: 'я'.repeat(100) })).statusCode).toBe(201)
  })

  it('refuses a duplicate name in another case or with spaces around: 409 "Такой параметр уже есть"', async () => {
    await created(c.admin, { name: 'Любимый цвет' })
    for (const name of ['ЛЮБИМЫЙ ЦВЕТ', '  любимый цвет ', 'Любимый Цвет']) {
      const res = await create(c.admin, { name })
      errorAt(res, 409, 'body.name')
      expect(res.json().error).toBe('Такой параметр уже есть')
    }
    // Names are per company.
    expect((await create(other.admin, { name: 'любимый цвет' })).statusCode).toBe(201)
  })

  it('says a duplicate is in the archive so the admin restores it instead', async () => {
    const attr = await created(c.admin, { name: 'Старое поле' })
    await archive(c.admin, attr.id)
    const res = await create(c.admin, { name: 'старое поле' })
    expect(res.statusCode).toBe(409)
    expect(res.json().details[0].message).toMatch(/в архиве/)
  })

  it('refuses an unknown type, a select without options and options on another type', async () => {
    errorAt(await create(c.admin, { name: 'Цвет', type: 'colour' }), 400, 'body.type')
    errorAt(await create(c.admin, { name: 'Цвет', type: 'select' }), 400, 'body.options')
    errorAt(await create(c.admin, { name: 'Цвет', type: 'select', options: [] }), 400, 'body.options')
    errorAt(await create(c.admin, { name: 'Цвет', type: 'select', options: ['A', ' a '] }), 400, 'body.options')
    errorAt(await create(c.admin, { name: 'Цвет', type: 'select', options: ['A', ''] }), 400, 'body.options.1')
    errorAt(await create(c.admin, { name: 'Цвет', type: 'text', options: ['A'] }), 400, 'body.options')
  })

  it('refuses unknown fields and a description over 500 characters', async () => {
    errorAt(await create(c.admin, { name: 'Цвет', colour: 'red' }), 400, 'body')
    errorAt(await create(c.admin, { name: 'Цвет', description: 'д'.repeat(501) }), 400, 'body.description')
  })

  it('lets only an admin write the catalog; every role reads it', async () => {
    expect((await create(c.operator, { name: 'Операторское' })).statusCode).toBe(403)
    expect((await create(c.supervisor, { name: 'Руководительское' })).statusCode).toBe(403)
    const attr = await created(c.admin, { name: 'Только админ' })
    expect((await patch(c.operator, attr.id, { name: 'Переименовано' })).statusCode).toBe(403)
    expect((await archive(c.supervisor, attr.id)).statusCode).toBe(403)
    for (const who of [c.operator, c.supervisor]) expect((await catalog(who)).items.map((a) => a.id)).toContain(attr.id)
  })
})

describe('the catalog route', () => {
  it('is not captured by /clients/:clientId', async () => {
    const res = await t.app.inject({ method: 'GET', url: base, headers: c.operator.auth })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toHaveProperty('items')
    // And any other segment still reaches the clients routes, as a client's id or external ID.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/clients/not-a-uuid', headers: c.operator.auth })).statusCode,
    ).toBe(404)
  })

  it('is documented under "Client Attributes" with the walkthrough words', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    const set = doc.paths['/clients/{clientId}/attributes/{attributeId}'].post
    expect(set.tags).toEqual(['Client Attributes'])
    const [client, attribute] = set.parameters.map((p: { description: string }) => p.description)
    // The walkthrough pastes the client's external ID here: the parameter's text says it is taken.
    expect(client).toMatch(/^Client Identifier: .*externalId/)
    expect(attribute).toBe('Attribute Identifier')
    expect(JSON.stringify(set.requestBody)).toContain('Значение атрибута')
    expect(doc.paths['/clients/attributes'].post.tags).toEqual(['Client Attributes'])
    expect(doc.paths['/clients/attributes/{attributeId}'].patch.parameters[0].description).toBe('Attribute Identifier')
  })
})

describe('editing, archiving and reordering', () => {
  it('renames, edits options and description, pins; a rename onto another name is 409', async () => {
    const attr = await created(c.admin, { name: 'Канал', type: 'select', options: ['Телефон'] })
    await created(c.admin, { name: 'Занято' })
    const res = await patch(c.admin, attr.id, {
      name: 'Канал связи',
      options: ['Телефон', 'Почта'],
      description: 'Как связаться',
      pinned: true,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      name: 'Канал связи',
      options: ['Телефон', 'Почта'],
      description: 'Как связаться',
      pinned: true,
    })
    expect((await patch(c.admin, attr.id, { name: 'КАНАЛ СВЯЗИ' })).json().name).toBe('КАНАЛ СВЯЗИ')
    errorAt(await patch(c.admin, attr.id, { name: 'занято' }), 409, 'body.name')
    errorAt(await patch(c.admin, attr.id, { options: [] }), 400, 'body.options')
    errorAt(await patch(c.admin, attr.id, { type: 'text' }), 400, 'body')
  })

  it('refuses options on an attribute that is not a select', async () => {
    const attr = await created(c.admin, { name: 'Просто текст' })
    errorAt(await patch(c.admin, attr.id, { options: ['A'] }), 400, 'body.options')
  })

  it('archives with DELETE and PATCH, keeps it under includeArchived, restores with archived:false', async () => {
    const attr = await created(c.admin, { name: 'Временное' })
    const res = await archive(c.admin, attr.id)
    expect(res.statusCode).toBe(200)
    expect(res.json().archivedAt).not.toBeNull()
    expect((await archive(c.admin, attr.id)).json().archivedAt).toBe(res.json().archivedAt)
    expect((await catalog(c.admin)).items.map((a) => a.id)).not.toContain(attr.id)
    expect((await catalog(c.admin, '?includeArchived=true')).items.map((a) => a.id)).toContain(attr.id)
    const restored = await patch(c.admin, attr.id, { archived: false })
    expect(restored.json().archivedAt).toBeNull()
    expect((await catalog(c.admin)).items.map((a) => a.id)).toContain(attr.id)
    expect((await patch(c.admin, attr.id, { archived: true })).json().archivedAt).not.toBeNull()
  })

  it('moves one attribute and shifts the others so positions stay 0..n-1', async () => {
    const co = await makeCompany(t)
    for (const name of ['А', 'Б', 'В', 'Г', 'Д']) await created(co.admin, { name })
    const names = async () => (await catalog(co.admin, '?includeArchived=true')).items
    const ids = Object.fromEntries((await names()).map((a) => [a.name, a.id]))

    expect((await patch(co.admin, ids['Г']!, { position: 1 })).json().position).toBe(1)
    expect((await names()).map((a) => [a.name, a.position])).toEqual([
      ['А', 0],
      ['Г', 1],
      ['Б', 2],
      ['В', 3],
      ['Д', 4],
    ])
    await patch(co.admin, ids['А']!, { position: 3 })
    expect((await names()).map((a) => a.name)).toEqual(['Г', 'Б', 'В', 'А', 'Д'])
    // Past the end means last.
    await patch(co.admin, ids['Г']!, { position: 99 })
    expect((await names()).map((a) => [a.name, a.position])).toEqual([
      ['Б', 0],
      ['В', 1],
      ['А', 2],
      ['Д', 3],
      ['Г', 4],
    ])
    errorAt(await patch(co.admin, ids['Г']!, { position: -1 }), 400, 'body.position')
    // A new one goes after all of them.
    expect((await created(co.admin, { name: 'Е' })).position).toBe(5)
    // The whole catalog comes by default; limit and offset page it as any list.
    const page = await catalog(co.admin, '?limit=2&offset=1')
    expect([page.count, page.items.map((a) => a.name)]).toEqual([6, ['В', 'А']])
  })

  it('keeps positions clean when admins reorder at the same time', async () => {
    const co = await makeCompany(t)
    for (const name of ['1', '2', '3', '4', '5', '6']) await created(co.admin, { name })
    const ids = (await catalog(co.admin)).items.map((a) => a.id)
    await Promise.all(ids.map((id, i) => patch(co.admin, id, { position: (i * 7) % ids.length })))
    await Promise.all(['7', '8'].map((name) => created(co.admin, { name })))
    expect((await catalog(co.admin)).items.map((a) => a.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  })

  it("answers 404 for another company's attribute and for an unknown id", async () => {
    const foreign = await created(other.admin, { name: 'Чужое' })
    expect((await patch(c.admin, foreign.id, { name: 'Моё' })).statusCode).toBe(404)
    expect((await archive(c.admin, foreign.id)).statusCode).toBe(404)
    expect((await patch(c.admin, '00000000-0000-4000-8000-000000000000', { pinned: true })).statusCode).toBe(404)
    expect((await catalog(c.admin, '?includeArchived=true')).items.map((a) => a.id)).not.toContain(foreign.id)
  })
})
