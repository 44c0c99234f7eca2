import { beforeAll, describe, expect, it } from 'vitest'
import { c, makeCompany, other, t, useTestApp } from '../support/app'
import { call, type Caller } from '../support/api'
import { variedText } from '../support/cards'

useTestApp()

const newAttribute = async (who: Caller, body: object) => {
  const res = await call(t, who, 'POST', '/clients/attributes', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id as string
}
const newClient = async (who: Caller, name = 'Иван Петров') => {
  const res = await call(t, who, 'POST', '/clients', { name })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id as string
}
const set = (who: Caller, clientId: string, attributeId: string, body: object) =>
  call(t, who, 'POST', `/clients/${clientId}/attributes/${attributeId}`, body)
const card = async (who: Caller, clientId: string) => {
  const res = await call(t, who, 'GET', `/clients/${clientId}/attributes`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { count: number; items: { id: string; name: string; value: string | null; version: number }[] }
}
const history = async (who: Caller, clientId: string, attributeId: string) => {
  const res = await call(t, who, 'GET', `/clients/${clientId}/attributes/${attributeId}/history`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { count: number; items: { oldValue: string | null; newValue: string | null }[] }
}
const badValue = async (res: {
  statusCode: number
  json: () => { error: string; details: { path: string; message: string }[] }
}) => {
  expect(res.statusCode).toBe(400)
  expect(res.json().details[0]!.path).toBe('body.value')
  return res.json().details[0]!.message
}

describe("a client's card", () => {
  it('lists every active attribute in catalog order with null for unset values', async () => {
    const co = await makeCompany(t)
    const a = await newAttribute(co.admin, { name: 'Город' })
    const b = await newAttribute(co.admin, { name: 'Дата рождения', type: 'date' })
    const clientId = await newClient(co.operator)
    const res = await card(co.operator, clientId)
    expect(res.count).toBe(2)
    expect(res.items).toEqual([
      expect.objectContaining({
        id: a,
        name: 'Город',
        type: 'text',
        value: null,
        version: 0,
        updatedAt: null,
        updatedBy: null,
      }),
      expect.objectContaining({ id: b, name: 'Дата рождения', type: 'date', value: null, version: 0 }),
    ])
  })

  it('lets operators and supervisors set values and shows who did', async () => {
    const attr = await newAttribute(c.admin, { name: 'Город проживания' })
    const clientId = await newClient(c.operator)
    const res = await set(c.operator, clientId, attr, { value: 'Казань' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      id: attr,
      value: 'Казань',
      version: 1,
      updatedBy: { id: c.operator.id, name: c.operator.name },
    })
    expect(Date.parse(res.json().updatedAt)).not.toBeNaN()
    const bySupervisor = await set(c.supervisor, clientId, attr, { value: 'Самара' })
    expect(bySupervisor.json()).toMatchObject({ value: 'Самара', version: 2, updatedBy: { id: c.supervisor.id } })
    expect((await card(c.admin, clientId)).items.find((i) => i.id === attr)).toMatchObject({
      value: 'Самара',
      version: 2,
    })
  })

  it('clears with "", null and DELETE; the version keeps counting', async () => {
    const attr = await newAttribute(c.admin, { name: 'Питомец' })
    const clientId = await newClient(c.operator)
    await set(c.operator, clientId, attr, { value: 'Кот' })
    expect((await set(c.operator, clientId, attr, { value: '' })).json()).toMatchObject({ value: null, version: 2 })
    await set(c.operator, clientId, attr, { value: 'Пёс' })
    expect((await set(c.operator, clientId, attr, { value: null })).json()).toMatchObject({ value: null, version: 4 })
    await set(c.operator, clientId, attr, { value: 'Хомяк' })
    const cleared = await call(t, c.operator, 'DELETE', `/clients/${clientId}/attributes/${attr}`)
    expect(cleared.statusCode).toBe(200)
    expect(cleared.json()).toMatchObject({ value: null, version: 6 })
    expect((await card(c.operator, clientId)).items.find((i) => i.id === attr)?.value).toBeNull()
    expect((await history(c.operator, clientId, attr)).items.map((h) => h.newValue)).toEqual([
      null,
      'Хомяк',
      null,
      'Пёс',
      null,
      'Кот',
    ])
  })

  it('counts clients with a value as usageCount in the catalog', async () => {
    const co = await makeCompany(t)
    const attr = await newAttribute(co.admin, { name: 'Источник' })
    const [a, b, d] = [await newClient(co.operator), await newClient(co.operator), await newClient(co.operator)]
    await set(co.operator, a, attr, { value: 'Реклама' })
    await set(co.operator, b, attr, { value: 'Друзья' })
    await set(co.operator, d, attr, { value: 'Сайт' })
    await set(co.operator, d, attr, { value: null })
    const list = (await call(t, co.admin, 'GET', '/clients/attributes')).json()
    expect(list.items[0]).toMatchObject({ id: attr, usageCount: 2 })
  })
})

describe('values checked against the type', () => {
  let clientId: string
  const typed: Record<string, string> = {}
  beforeAll(async () => {
    clientId = await newClient(c.operator)
    for (const type of ['number', 'date', 'boolean', 'email', 'phone', 'link', 'text']) {
      typed[type] = await newAttribute(c.admin, { name: `Поле ${type}`, type })
    }
    typed.select = await newAttribute(c.admin, { name: 'Поле select', type: 'select', options: ['Золото', 'Серебро'] })
  })

  it('takes numbers and booleans sent as JSON literals as their text, as integrations send them', async () => {
    const other = await newClient(c.operator)
    const res = await set(c.operator, other, typed.number!, { value: 42 })
    expect(res.statusCode).toBe(200)
    expect(res.json().value).toBe('42')
    expect((await set(c.operator, other, typed.boolean!, { value: true })).json().value).toBe('true')
  })

  it('refuses "abc" for a number, 2024-02-30 for a date and a bad email, naming body.value in Russian', async () => {
    expect(await badValue(await set(c.operator, clientId, typed.number!, { value: 'abc' }))).toMatch(/число/)
    expect(await badValue(await set(c.operator, clientId, typed.date!, { value: '2024-02-30' }))).toMatch(/даты нет/)
    expect(await badValue(await set(c.operator, clientId, typed.date!, { value: '30/02/2024' }))).toBe(
      'Такой даты нет в календаре: 30.02.2024',
    )
    expect(await badValue(await set(c.operator, clientId, typed.date!, { value: 'завтра' }))).toMatch(/ДД\.ММ\.ГГГГ/)
    expect(await badValue(await set(c.operator, clientId, typed.email!, { value: 'ivan@' }))).toMatch(/почты/)
    expect(await badValue(await set(c.operator, clientId, typed.boolean!, { value: 'может быть' }))).toMatch(
      /true или false/,
    )
    expect(await badValue(await set(c.operator, clientId, typed.select!, { value: 'Бронза' }))).toMatch(
      /Золото, Серебро/,
    )
    expect(await badValue(await set(c.operator, clientId, typed.phone!, { value: '12' }))).toMatch(/телефон/)
    expect(await badValue(await set(c.operator, clientId, typed.link!, { value: 'javascript:alert(1)' }))).toMatch(
      /ссылка/,
    )
    // Nothing was written by the refused requests.
    expect((await card(c.operator, clientId)).items.every((i) => i.value === null)).toBe(true)
  })

  it('refuses a 2001-character value and takes 2000', async () => {
    expect(await badValue(await set(c.operator, clientId, typed.text!, { value: 'ы'.repeat(2001) }))).toMatch(/2000/)
    expect((await set(c.operator, clientId, typed.text!, { value: 'ы'.repeat(2000) })).json().value).toHaveLength(2000)
  })

  it('answers 2000 characters too varied for the search index with a clear 400, keeping the value it had', async () => {
    // A B-tree key holds about 2,700 bytes after compression: Cyrillic and Chinese in no order do not fit.
    const value = variedText(2000)
    const before = (await card(c.operator, clientId)).items.find((i) => i.id === typed.text)
    const res = await set(c.operator, clientId, typed.text!, { value })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error).toMatch(/не помещается в индекс поиска.*сократите/)
    expect((await card(c.operator, clientId)).items.find((i) => i.id === typed.text)).toEqual(before)
    // The same length of ordinary text is taken.
    const text = 'Клиент просил перезвонить после обеда, заказ в доставке. '.repeat(40).slice(0, 2000)
    expect((await set(c.operator, clientId, typed.text!, { value: text })).json().value).toBe(text)
  })

  it('stores values normalised', async () => {
    const cases: [string, string, string][] = [
      ['number', ' 1 250,5 ', '1250.5'],
      ['date', '29.02.2024', '2024-02-29'],
      ['boolean', 'TRUE', 'true'],
      ['select', 'серебро', 'Серебро'],
      ['link', 'пример.рф/путь', 'https://пример.рф/путь'],
      ['phone', '+7 (912) 345-67-89', '+79123456789'],
    ]
    for (const [type, input, stored] of cases) {
      const res = await set(c.operator, clientId, typed[type]!, { value: input })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json().value).toBe(stored)
    }
  })

  it('refuses a body without value, an object value and unknown fields', async () => {
    for (const body of [
      {},
      { value: { text: 'x' } },
      { value: ['x'] },
      { value: 'x', extra: 1 },
      { value: 'x', version: -1 },
      { value: 'x', version: 1.5 },
    ]) {
      expect((await set(c.operator, clientId, typed.text!, body)).statusCode).toBe(400)
    }
  })
})

describe('text that must come back unchanged', () => {
  it('round-trips Cyrillic, emoji and <script> in names and values', async () => {
    const name = 'Ёлка 🎄 <script>alert("x")</script>'
    const value = 'Любит «рыбалку» 🎣 & <script>alert(document.cookie)</script>\nвторая строка'
    const attr = await newAttribute(c.admin, { name })
    const clientId = await newClient(c.operator)
    expect((await set(c.operator, clientId, attr, { value })).json().value).toBe(value)
    const item = (await card(c.operator, clientId)).items.find((i) => i.id === attr)
    expect(item).toMatchObject({ name, value })
    expect((await history(c.operator, clientId, attr)).items[0]).toMatchObject({ oldValue: null, newValue: value })
    const res = await call(t, c.operator, 'GET', '/clients/attributes')
    expect(res.headers['content-type']).toMatch(/application\/json/)
    expect(res.json().items.find((a: { id: string }) => a.id === attr).name).toBe(name)
  })
})

describe('archived attributes', () => {
  it('hide from the card and refuse writes; values and history stay and come back on restore', async () => {
    const attr = await newAttribute(c.admin, { name: 'Хобби в архиве' })
    const clientId = await newClient(c.operator)
    await set(c.operator, clientId, attr, { value: 'Шахматы' })
    expect((await call(t, c.admin, 'DELETE', `/clients/attributes/${attr}`)).statusCode).toBe(200)

    expect((await card(c.operator, clientId)).items.map((i) => i.id)).not.toContain(attr)
    expect((await set(c.operator, clientId, attr, { value: 'Го' })).statusCode).toBe(404)
    expect((await call(t, c.operator, 'DELETE', `/clients/${clientId}/attributes/${attr}`)).statusCode).toBe(404)
    expect((await history(c.operator, clientId, attr)).items).toHaveLength(1)

    await call(t, c.admin, 'PATCH', `/clients/attributes/${attr}`, { archived: false })
    expect((await card(c.operator, clientId)).items.find((i) => i.id === attr)).toMatchObject({
      value: 'Шахматы',
      version: 1,
    })
  })
})

describe('ids of another company', () => {
  it("answers 404 for another company's attribute and client, and for unknown ids", async () => {
    const mine = await newAttribute(c.admin, { name: 'Моё поле' })
    const myClient = await newClient(c.operator)
    const foreignAttr = await newAttribute(other.admin, { name: 'Чужое поле' })
    const foreignClient = await newClient(other.operator)
    await set(other.operator, foreignClient, foreignAttr, { value: 'секрет' })
    const unknown = '00000000-0000-4000-8000-000000000000'

    for (const [clientId, attributeId] of [
      [myClient, foreignAttr],
      [foreignClient, mine],
      [foreignClient, foreignAttr],
      [myClient, unknown],
      [unknown, mine],
    ]) {
      expect((await set(c.operator, clientId!, attributeId!, { value: 'x' })).statusCode).toBe(404)
      expect((await call(t, c.operator, 'DELETE', `/clients/${clientId}/attributes/${attributeId}`)).statusCode).toBe(
        404,
      )
      expect(
        (await call(t, c.operator, 'GET', `/clients/${clientId}/attributes/${attributeId}/history`)).statusCode,
      ).toBe(404)
    }
    expect((await call(t, c.operator, 'GET', `/clients/${foreignClient}/attributes`)).statusCode).toBe(404)
    expect((await card(other.operator, foreignClient)).items[0]).toMatchObject({ value: 'секрет', version: 1 })
    // Not an id and no client's external ID either.
    expect((await set(c.operator, 'nope', mine, { value: 'x' })).statusCode).toBe(404)
  })
})
