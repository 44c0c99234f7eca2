import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { clientAttributeListSchema } from '@shared/attributes'
import { clientDirectorySchema } from '@shared/client-directory'
import { sessionListSchema, sessionSchema } from '@shared/sessions'
import { c, t, useTestApp } from '../support/app'
import { call, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/** The body has exactly the documented shape: parsing keeps every key (nothing extra) and every type. */
async function documented<S extends z.ZodType>(schema: S, path: string) {
  const res = await call(t, c.supervisor, 'GET', path)
  expect(res.statusCode, res.body).toBe(200)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  const body = res.json()
  expect(schema.parse(body)).toEqual(body)
  return body as z.output<S>
}

// The card, the dialogue list and the directory page are written as JSON by the database, not by the
// serializer compiled from these schemas: every field, null and time must still be as documented.
describe('bodies the database writes', () => {
  it('have the documented shape, with times as ISO instants in UTC', async () => {
    const card = cards(t, c)
    const city = await card.attribute({ name: 'Город' })
    const age = await card.attribute({ name: 'Возраст', type: 'number' })
    const vip = await card.tag('ВИП')
    const session = await startDialogue(t, c.operator, {
      externalId: 'json-1',
      name: 'Анна "Кавычки" \\ Петрова',
      phone: '+7 900 000-00-01',
    })
    await startDialogue(t, c.operator, { externalId: 'json-2' })
    await card.set(session.clientId, city.id, 'Казань\nцентр')
    await card.addTag(session.clientId, vip.id)
    const prepaid = (await call(t, c.admin, 'POST', '/sessions/tags', { tag: 'предоплата' })).json()
    await call(t, c.operator, 'PUT', `/sessions/${session.id}/tags/${prepaid.id}`)
    await call(t, c.operator, 'PUT', `/sessions/${session.id}/operators/${c.supervisor.id}`)
    await call(t, c.operator, 'POST', `/sessions/${session.id}/clients/messages`, {
      body: 'Вот чек',
      attachments: [
        { name: 'чек.pdf', url: 'https://files.example.ru/check.pdf' },
        { name: 'фото.jpg', contentType: 'image/jpeg', size: 1024, url: 'https://files.example.ru/photo.jpg' },
      ],
    })

    const attributes = await documented(clientAttributeListSchema, `/clients/${session.clientId}/attributes`)
    expect(attributes.items.find((a) => a.id === city.id)).toMatchObject({
      value: 'Казань\nцентр',
      version: 1,
      canEdit: true,
      updatedBy: { id: c.operator.id },
      updatedAt: expect.stringMatching(ISO),
    })
    expect(attributes.items.find((a) => a.id === age.id)).toMatchObject({
      value: null,
      version: 0,
      updatedAt: null,
      updatedBy: null,
    })
    expect(
      (await documented(clientAttributeListSchema, `/clients/${session.clientId}/attributes?offset=1&limit=1`)).items,
    ).toEqual([attributes.items[1]])

    const list = await documented(sessionListSchema, '/sessions?limit=50')
    const listed = list.items.find((s) => s.id === session.id)!
    expect(listed).toMatchObject({
      client: { name: 'Анна "Кавычки" \\ Петрова', tags: [{ id: vip.id, name: 'ВИП' }] },
      tags: 'предоплата',
      tagIds: [prepaid.id],
      operatorIds: [c.supervisor.id],
      startedAt: expect.stringMatching(ISO),
      closedAt: null,
      lastMessage: {
        body: 'Вот чек',
        attachments: [
          { name: 'чек.pdf', contentType: null, size: null, url: 'https://files.example.ru/check.pdf' },
          { name: 'фото.jpg', contentType: 'image/jpeg', size: 1024, url: 'https://files.example.ru/photo.jpg' },
        ],
      },
    })
    expect(await documented(sessionSchema, `/sessions/${session.id}`)).toEqual(listed)
    expect(await documented(sessionListSchema, '/sessions?limit=1&offset=5')).toEqual({ count: list.count, items: [] })

    const page = await documented(
      clientDirectorySchema,
      `/clients?limit=1&sort=updatedAt&attributeId=${city.id}&attributeId=${age.id}`,
    )
    expect(page.items[0]).toMatchObject({
      id: session.clientId,
      metadata: {},
      attributes: { [city.id]: 'Казань\nцентр', [age.id]: null },
    })
    expect(Object.keys(page.items[0]!.attributes!)).toEqual([city.id, age.id])
    const rest = await documented(clientDirectorySchema, `/clients?limit=5&sort=updatedAt&cursor=${page.nextCursor}`)
    expect(rest.items.map((i) => i.id)).not.toContain(session.clientId)
    expect(rest).not.toHaveProperty('nextCursor')
    expect(rest.count).toBe(page.count)
    // The count rides on the page's rows; with none to carry it, it is counted apart.
    expect(await documented(clientDirectorySchema, '/clients?offset=50')).toEqual({ count: page.count, items: [] })
    expect(await documented(clientDirectorySchema, '/clients?keyword=nobody-at-all')).toEqual({ count: 0, items: [] })
  })
})
