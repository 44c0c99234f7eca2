import { describe, expect, it } from 'vitest'
import type { ClientHistoryItem } from '@shared/client-history'
import { call } from '../support/api'
import { cards } from '../support/cards'
import { c, other, t, useTestApp } from '../support/app'

useTestApp()

const unique = (name: string) => `${name} ${crypto.randomUUID().slice(0, 6)}`

async function historyOf(clientId: string) {
  const res = await call(t, c.supervisor, 'GET', `/clients/${clientId}/history?limit=100`)
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as { items: ClientHistoryItem[] }).items
}

describe('multi-select parameters', () => {
  it('stores the chosen options as a JSON array in catalog order, from a JSON array or a comma list', async () => {
    const b = cards(t, c)
    const hobbies = await b.attribute({
      name: unique('Интересы'),
      type: 'multiselect',
      options: ['Спорт', 'Музыка', 'Кино'],
    })
    const client = await b.client({ name: 'Мария' })
    const path = `/clients/${client.id}/attributes/${hobbies.id}`
    expect((await call(t, c.operator, 'POST', path, { value: '["Кино","спорт"]' })).json().value).toBe(
      '["Спорт","Кино"]',
    )
    expect((await call(t, c.operator, 'POST', path, { value: 'музыка, Кино, Кино' })).json().value).toBe(
      '["Музыка","Кино"]',
    )
    expect((await call(t, c.operator, 'POST', path, { value: '[]' })).json().value).toBeNull()
  })

  it('refuses an option that is not in the list, naming it, and keeps the stored value', async () => {
    const b = cards(t, c)
    const hobbies = await b.attribute({ name: unique('Интересы'), type: 'multiselect', options: ['Спорт', 'Музыка'] })
    const client = await b.client({ name: 'Олег' })
    await b.set(client.id, hobbies.id, 'Спорт')
    const path = `/clients/${client.id}/attributes/${hobbies.id}`
    const bad = await call(t, c.operator, 'POST', path, { value: '["Спорт","Рыбалка"]' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details).toEqual([{ path: 'body.value', message: 'Нет варианта «Рыбалка», есть: Спорт, Музыка' }])
    expect((await call(t, c.operator, 'POST', path, { value: '["Спорт", 1]' })).statusCode).toBe(400)
    const card = await call(t, c.operator, 'GET', `/clients/${client.id}/attributes`)
    expect(card.json().items.find((a: { id: string }) => a.id === hobbies.id).value).toBe('["Спорт"]')
  })

  it('filters the directory by "contains": every named option must be chosen', async () => {
    const b = cards(t, c)
    const hobbies = await b.attribute({
      name: unique('Интересы'),
      type: 'multiselect',
      options: ['Спорт', 'Музыка', 'Кино'],
    })
    const [both, sport, none] = await Promise.all(['Оба', 'Спорт', 'Ничего'].map((name) => b.client({ name })))
    await b.set(both!.id, hobbies.id, 'Спорт, Музыка')
    await b.set(sport!.id, hobbies.id, 'Спорт')
    const find = async (value: string) => {
      const res = await call(
        t,
        c.supervisor,
        'GET',
        `/clients?attr.${hobbies.id}=${encodeURIComponent(value)}&limit=50`,
      )
      expect(res.statusCode, res.body).toBe(200)
      return res
        .json()
        .items.map((i: { name: string }) => i.name)
        .sort()
    }
    expect(await find('спорт')).toEqual(['Оба', 'Спорт'])
    expect(await find('Музыка,Спорт')).toEqual(['Оба'])
    expect(await find('Кино')).toEqual([])
    expect(none).toBeDefined()
    const bad = await call(t, c.supervisor, 'GET', `/clients?attr.${hobbies.id}=Рыбалка`)
    expect(bad.statusCode).toBe(400)
  })
})

describe('renaming and reordering options in the catalog', () => {
  it('reorders the options without touching stored values', async () => {
    const b = cards(t, c)
    const plan = await b.attribute({ name: unique('Тариф'), type: 'select', options: ['Базовый', 'Премиум'] })
    const res = await call(t, c.admin, 'PATCH', `/clients/attributes/${plan.id}`, { options: ['Премиум', 'Базовый'] })
    expect(res.json().options).toEqual(['Премиум', 'Базовый'])
  })

  it('rewrites the stored values with history rows of source catalog, for lists and multi-selects', async () => {
    const b = cards(t, c)
    const city = await b.attribute({ name: unique('Город'), type: 'select', options: ['Москва', 'СПб', 'Казань'] })
    const hobbies = await b.attribute({ name: unique('Интересы'), type: 'multiselect', options: ['Спорт', 'Кино'] })
    const [anna, ivan] = await Promise.all([b.client({ name: 'Анна' }), b.client({ name: 'Иван' })])
    await b.set(anna.id, city.id, 'СПб')
    await b.set(ivan.id, city.id, 'Казань')
    await b.set(anna.id, hobbies.id, 'Кино, Спорт')

    const renamed = await call(t, c.admin, 'PATCH', `/clients/attributes/${city.id}`, {
      options: ['Санкт-Петербург', 'Москва', 'Казань'],
      optionRenames: [{ from: 'СПб', to: 'Санкт-Петербург' }],
    })
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(renamed.json().options).toEqual(['Санкт-Петербург', 'Москва', 'Казань'])
    await call(t, c.admin, 'PATCH', `/clients/attributes/${hobbies.id}`, {
      optionRenames: [{ from: 'Кино', to: 'Фильмы' }],
    })

    const card = (await call(t, c.operator, 'GET', `/clients/${anna.id}/attributes`)).json().items as {
      id: string
      value: string
      version: number
    }[]
    expect(card.find((a) => a.id === city.id)).toMatchObject({ value: 'Санкт-Петербург', version: 2 })
    expect(card.find((a) => a.id === hobbies.id)).toMatchObject({ value: '["Спорт","Фильмы"]', version: 2 })
    const history = await historyOf(anna.id)
    expect(history.slice(0, 2)).toMatchObject([
      {
        attribute: { id: hobbies.id },
        oldValue: '["Спорт","Кино"]',
        newValue: '["Спорт","Фильмы"]',
        source: 'catalog',
        changedBy: { id: c.admin.id },
      },
      { attribute: { id: city.id }, oldValue: 'СПб', newValue: 'Санкт-Петербург', source: 'catalog' },
    ])
    expect((await historyOf(ivan.id)).filter((h) => h.source === 'catalog')).toEqual([])
    // The directory finds the card under the new name.
    const found = await call(
      t,
      c.supervisor,
      'GET',
      `/clients?attr.${city.id}=${encodeURIComponent('Санкт-Петербург')}`,
    )
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([anna.id])
  })

  it('answers a rename to an existing option with 409 and changes nothing', async () => {
    const b = cards(t, c)
    const city = await b.attribute({ name: unique('Город'), type: 'select', options: ['Москва', 'Казань'] })
    const client = await b.client({ name: 'Пётр' })
    await b.set(client.id, city.id, 'Казань')
    const clash = await call(t, c.admin, 'PATCH', `/clients/attributes/${city.id}`, {
      optionRenames: [{ from: 'Казань', to: 'москва' }],
    })
    expect(clash.statusCode).toBe(409)
    expect(clash.json().details).toEqual([{ path: 'body.optionRenames.0.to', message: 'Вариант «Москва» уже есть' }])
    const unknown = await call(t, c.admin, 'PATCH', `/clients/attributes/${city.id}`, {
      optionRenames: [{ from: 'Сочи', to: 'Ялта' }],
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().details[0].path).toBe('body.optionRenames.0.from')
    const text = await b.attribute({ name: unique('Комментарий') })
    expect(
      (await call(t, c.admin, 'PATCH', `/clients/attributes/${text.id}`, { optionRenames: [{ from: 'a', to: 'b' }] }))
        .statusCode,
    ).toBe(400)
    const catalog = (await call(t, c.admin, 'GET', '/clients/attributes')).json().items as {
      id: string
      options: string[]
    }[]
    expect(catalog.find((a) => a.id === city.id)!.options).toEqual(['Москва', 'Казань'])
    expect((await historyOf(client.id)).map((h) => h.newValue)).toEqual(['Казань'])
    // Another company's admin cannot rename this company's options.
    expect(
      (
        await call(t, other.admin, 'PATCH', `/clients/attributes/${city.id}`, {
          optionRenames: [{ from: 'Казань', to: 'Ялта' }],
        })
      ).statusCode,
    ).toBe(404)
  })

  it('keeps the history complete when an operator edits while the option is renamed', async () => {
    const b = cards(t, c)
    const city = await b.attribute({ name: unique('Город'), type: 'select', options: ['Москва', 'Казань', 'Сочи'] })
    const clients = await Promise.all(Array.from({ length: 6 }, (_, i) => b.client({ name: `Гонка ${i}` })))
    await Promise.all(clients.map((cl) => b.set(cl.id, city.id, 'Казань')))
    const edits = clients.map((cl, i) =>
      call(t, c.operator, 'POST', `/clients/${cl.id}/attributes/${city.id}`, { value: i % 2 ? 'Сочи' : 'Казань ' }),
    )
    const rename = call(t, c.admin, 'PATCH', `/clients/attributes/${city.id}`, {
      optionRenames: [{ from: 'Казань', to: 'Kazan' }],
    })
    const [renamed, ...written] = await Promise.all([rename, ...edits])
    expect(renamed!.statusCode).toBe(200)
    for (const [i, cl] of clients.entries()) {
      // An edit that came after the rename and still names the old option is refused, never stored stale.
      expect([200, 400]).toContain(written[i]!.statusCode)
      const value = (await call(t, c.operator, 'GET', `/clients/${cl.id}/attributes`))
        .json()
        .items.find((a: { id: string }) => a.id === city.id).value
      expect(['Kazan', 'Сочи']).toContain(value)
      // Every step is in the history, each starting where the one before ended, ending at the value shown.
      const steps = (await historyOf(cl.id)).filter((h) => h.attribute?.id === city.id).reverse()
      expect(steps[0]!.oldValue).toBeNull()
      for (let s = 1; s < steps.length; s++) expect(steps[s]!.oldValue).toBe(steps[s - 1]!.newValue)
      expect(steps.at(-1)!.newValue).toBe(value)
    }
  })
})

describe("the client's own fields", () => {
  it('records name, phone and email changes in the card history, with who and where', async () => {
    const b = cards(t, c)
    const client = await b.client({ name: 'Светлана', phone: '+7 900 000-00-01' })
    const panel = { auth: { ...c.operator.auth, 'x-kartoteka-client': 'panel' } }
    const res = await call(t, panel, 'PATCH', `/clients/${client.id}`, {
      name: 'Светлана Орлова',
      phone: '+7 900 000-00-01',
      email: 'sveta@example.ru',
    })
    expect(res.statusCode, res.body).toBe(200)
    const history = await historyOf(client.id)
    expect(history.map((h) => [h.kind, h.field, h.oldValue, h.newValue, h.source])).toEqual(
      expect.arrayContaining([
        ['field', 'name', 'Светлана', 'Светлана Орлова', 'panel'],
        ['field', 'email', null, 'sveta@example.ru', 'panel'],
      ]),
    )
    expect(history).toHaveLength(2)
    expect(history[0]!.changedBy).toEqual({ id: c.operator.id, name: c.operator.name })
    await call(t, c.operator, 'PATCH', `/clients/${client.id}`, { email: '' })
    expect((await historyOf(client.id))[0]).toMatchObject({
      field: 'email',
      action: 'cleared',
      oldValue: 'sveta@example.ru',
      newValue: null,
      source: 'api',
    })
  })

  it('refuses a phone with letters, naming the field, and keeps the card as it was', async () => {
    const b = cards(t, c)
    const client = await b.client({ name: 'Глеб', phone: '+7 900 000-00-02' })
    const bad = await call(t, c.operator, 'PATCH', `/clients/${client.id}`, { name: 'Глеб Иванов', phone: '8 900 ABC' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details).toEqual([expect.objectContaining({ path: 'body.phone' })])
    expect((await call(t, c.operator, 'GET', `/clients/${client.id}`)).json()).toMatchObject({
      name: 'Глеб',
      phone: '+79000000002',
    })
    // Digits alone are not enough: `12345` is no number of the company's country.
    const short = await call(t, c.operator, 'PATCH', `/clients/${client.id}`, { phone: '12345' })
    expect(short.statusCode).toBe(400)
    expect(short.json().details).toEqual([
      { path: 'body.phone', message: expect.stringMatching(/^Некорректный телефон/) },
    ])
    expect(await historyOf(client.id)).toEqual([])
    expect((await call(t, other.operator, 'PATCH', `/clients/${client.id}`, { name: 'Чужой' })).statusCode).toBe(404)
  })
})
