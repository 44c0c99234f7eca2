import { describe, expect, it } from 'vitest'
import type { Tag } from '@shared/tags'
import { c, makeCompany, t, useTestApp } from '../support/app'
import { call, type Caller, expectBadInput, expectError } from '../support/api'

useTestApp()

type Catalog = '/clients/tags' | '/sessions/tags'

const create = async (who: Caller, catalog: Catalog, payload: object): Promise<Tag> => {
  const res = await call(t, who, 'POST', catalog, payload)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
const list = async (who: Caller, catalog: Catalog, query = '') => {
  const res = await call(t, who, 'GET', `${catalog}${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { count: number; items: Tag[] }
}
const names = async (who: Caller, catalog: Catalog, query = '') =>
  (await list(who, catalog, query)).items.map((tag) => tag.name)

describe('the TWIN walkthrough', () => {
  it('creates a client tag and a session tag from {"tag"} alone, each listed in its own catalog only', async () => {
    const co = await makeCompany(t)
    const vip = await create(co.admin, '/clients/tags', { tag: 'ВИП-клиент' })
    expect(vip).toEqual({
      id: expect.any(String),
      name: 'ВИП-клиент',
      color: 'gray',
      description: null,
      groupId: null,
      archivedAt: null,
      createdAt: expect.any(String),
      usageCount: 0,
    })
    const prepaid = await create(co.admin, '/sessions/tags', { tag: 'предоплата' })
    expect(prepaid).toMatchObject({ name: 'предоплата', usageCount: 0 })

    // Every role reads both catalogs; /clients/tags is its own route, not /clients/:clientId.
    const clientCatalog = await list(co.operator, '/clients/tags')
    expect(clientCatalog).toEqual({ count: 1, items: [vip] })
    expect(await names(co.operator, '/sessions/tags')).toEqual(['предоплата'])
  })
})

describe('creating tags', () => {
  it('accepts `name` instead of `tag`, a colour from the palette and a description', async () => {
    const tag = await create(c.admin, '/clients/tags', {
      name: 'Часто обращается',
      color: 'amber',
      description: ' Звонит каждую неделю ',
    })
    expect(tag).toMatchObject({ name: 'Часто обращается', color: 'amber', description: 'Звонит каждую неделю' })
  })

  it('trims the name and refuses an empty one', async () => {
    expect((await create(c.admin, '/sessions/tags', { tag: '  кредит  ' })).name).toBe('кредит')
    expectBadInput(await call(t, c.admin, 'POST', '/sessions/tags', { tag: '' }), 'body.tag')
    expectBadInput(await call(t, c.admin, 'POST', '/sessions/tags', { tag: '   ' }), 'body.tag')
    expectBadInput(await call(t, c.admin, 'POST', '/sessions/tags', {}), 'body.tag')
  })

  it('takes 100 characters and refuses 101', async () => {
    expect((await create(c.admin, '/clients/tags', { tag: 'я'.repeat(100) })).name).toHaveLength(100)
    expectBadInput(await call(t, c.admin, 'POST', '/clients/tags', { tag: 'ю'.repeat(101) }), 'body.tag')
  })

  it('refuses both `tag` and `name`, unknown fields, colours outside the palette and a long description', async () => {
    expectBadInput(await call(t, c.admin, 'POST', '/clients/tags', { tag: 'А', name: 'Б' }), 'body.name')
    expectBadInput(await call(t, c.admin, 'POST', '/clients/tags', { tag: 'А', kind: 'session' }), 'body')
    expectBadInput(await call(t, c.admin, 'POST', '/clients/tags', { tag: 'А', color: '#ff0000' }), 'body.color')
    expectBadInput(
      await call(t, c.admin, 'POST', '/clients/tags', { tag: 'А', description: 'x'.repeat(501) }),
      'body.description',
    )
  })

  it('refuses a name that differs only in case or surrounding spaces, in the same catalog', async () => {
    const co = await makeCompany(t)
    await create(co.admin, '/clients/tags', { tag: 'ВИП-клиент' })
    const body = expectError(await call(t, co.admin, 'POST', '/clients/tags', { tag: '  вип-КЛИЕНТ ' }), 409)
    expect(body.error).toBe('Такой тег уже есть')
    expect(body.details).toEqual([expect.objectContaining({ path: 'body.tag' })])
    // The field the caller used is the one named.
    const byName = expectError(await call(t, co.admin, 'POST', '/clients/tags', { name: 'Вип-Клиент' }), 409)
    expect(byName.details).toEqual([expect.objectContaining({ path: 'body.name' })])
    expect(await names(co.admin, '/clients/tags')).toEqual(['ВИП-клиент'])
  })

  it('allows the same name in the other catalog and in another company', async () => {
    const co = await makeCompany(t)
    await create(co.admin, '/clients/tags', { tag: 'Важно' })
    await create(co.admin, '/sessions/tags', { tag: 'важно' })
    await create(c.admin, '/clients/tags', { tag: 'Важно' })
  })

  it('lets only an admin create, edit or archive tags (403), while every role reads the catalog', async () => {
    const tag = await create(c.admin, '/sessions/tags', { tag: 'Только админ' })
    for (const who of [c.operator, c.supervisor]) {
      expectError(await call(t, who, 'POST', '/clients/tags', { tag: 'Оператор создал' }), 403)
      expectError(await call(t, who, 'POST', '/sessions/tags', { tag: 'Оператор создал' }), 403)
      expectError(await call(t, who, 'PATCH', `/sessions/tags/${tag.id}`, { name: 'Другое' }), 403)
      expectError(await call(t, who, 'DELETE', `/sessions/tags/${tag.id}`), 403)
      expect(await names(who, '/sessions/tags')).toContain('Только админ')
    }
    expect(await names(c.admin, '/clients/tags')).not.toContain('Оператор создал')
  })

  it('keeps <script> and emoji in names exactly as typed', async () => {
    for (const name of ['<script>alert(1)</script>', '🔥 горячий 👍', '"кавычки" & <b>']) {
      expect((await create(c.admin, '/sessions/tags', { tag: name })).name).toBe(name)
    }
    const listed = await names(c.operator, '/sessions/tags')
    expect(listed).toEqual(expect.arrayContaining(['<script>alert(1)</script>', '🔥 горячий 👍', '"кавычки" & <b>']))
  })
})

describe('editing and archiving', () => {
  it('renames, recolours and describes a tag; a case-duplicate rename is a 409 naming body.name', async () => {
    const co = await makeCompany(t)
    const tag = await create(co.admin, '/clients/tags', { tag: 'Старое' })
    await create(co.admin, '/clients/tags', { tag: 'Занято' })
    const res = await call(t, co.admin, 'PATCH', `/clients/tags/${tag.id}`, {
      name: ' Новое ',
      color: 'violet',
      description: 'Для проверки',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ id: tag.id, name: 'Новое', color: 'violet', description: 'Для проверки' })
    // Changing only the case of its own name is allowed.
    expect((await call(t, co.admin, 'PATCH', `/clients/tags/${tag.id}`, { name: 'НОВОЕ' })).json().name).toBe('НОВОЕ')
    expect(
      (await call(t, co.admin, 'PATCH', `/clients/tags/${tag.id}`, { description: null })).json().description,
    ).toBeNull()

    const dup = expectError(await call(t, co.admin, 'PATCH', `/clients/tags/${tag.id}`, { name: 'занято' }), 409)
    expect(dup.details).toEqual([expect.objectContaining({ path: 'body.name' })])
    expectBadInput(await call(t, co.admin, 'PATCH', `/clients/tags/${tag.id}`, { name: '' }), 'body.name')
    expectBadInput(await call(t, co.admin, 'PATCH', `/clients/tags/${tag.id}`, { color: 'black' }), 'body.color')
  })

  it('archives with DELETE or PATCH, hides it from the catalog unless includeArchived=true, and restores', async () => {
    const co = await makeCompany(t)
    const tag = await create(co.admin, '/sessions/tags', { tag: 'Сезонный' })
    await create(co.admin, '/sessions/tags', { tag: 'Активный' })

    const archived = await call(t, co.admin, 'DELETE', `/sessions/tags/${tag.id}`)
    expect(archived.statusCode, archived.body).toBe(200)
    expect(archived.json().archivedAt).toEqual(expect.any(String))
    // Archiving again keeps the first date.
    const again = await call(t, co.admin, 'PATCH', `/sessions/tags/${tag.id}`, { archived: true })
    expect(again.json().archivedAt).toBe(archived.json().archivedAt)

    expect(await names(co.operator, '/sessions/tags')).toEqual(['Активный'])
    expect(await names(co.operator, '/sessions/tags', '?includeArchived=true')).toEqual(['Активный', 'Сезонный'])
    // An archived name is still taken.
    expectError(await call(t, co.admin, 'POST', '/sessions/tags', { tag: 'сезонный' }), 409)

    const restored = await call(t, co.admin, 'PATCH', `/sessions/tags/${tag.id}`, { archived: false })
    expect(restored.json().archivedAt).toBeNull()
    expect(await names(co.operator, '/sessions/tags')).toEqual(['Активный', 'Сезонный'])
  })

  it('answers 404 for a tag of the other catalog or another company, and 400 for a malformed id', async () => {
    const co = await makeCompany(t)
    const clientTag = await create(co.admin, '/clients/tags', { tag: 'Клиентский' })
    expectError(await call(t, co.admin, 'PATCH', `/sessions/tags/${clientTag.id}`, { name: 'x' }), 404)
    expectError(await call(t, co.admin, 'DELETE', `/sessions/tags/${clientTag.id}`), 404)
    expectError(await call(t, c.admin, 'PATCH', `/clients/tags/${clientTag.id}`, { name: 'Чужой' }), 404)
    expectError(await call(t, c.admin, 'DELETE', `/clients/tags/${clientTag.id}`), 404)
    expectBadInput(await call(t, co.admin, 'PATCH', '/clients/tags/not-a-uuid', { name: 'x' }), 'params.tagId')
    expect((await list(co.admin, '/clients/tags')).items[0]).toMatchObject({ name: 'Клиентский', archivedAt: null })
  })
})

describe('the OpenAPI document', () => {
  it('documents both catalogs under their own sections with a Tag Identifier parameter', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(doc.paths['/clients/tags'].post.tags).toEqual(['Client Tags'])
    expect(doc.paths['/sessions/tags'].get.tags).toEqual(['Session Tags'])
    expect(doc.paths['/sessions/{sessionId}/tags/{tagId}'].put.tags).toEqual(['Session Tags'])
    expect(doc.paths['/clients/{clientId}/tags/{tagId}'].put.description).toContain('sessionId')
    const tagId = doc.paths['/clients/tags/{tagId}'].patch.parameters.find((p: { name: string }) => p.name === 'tagId')
    expect(tagId.description).toBe('Tag Identifier')
  })
})
