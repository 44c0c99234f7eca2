import { describe, expect, it } from 'vitest'
import type { Suggestion } from '@shared/suggestions'
import { findOptions, findValues } from '../../src/server/modules/suggestions'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectError, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const offered = async (c: TestCompany, sessionId: string) =>
  ((await call(t, c.operator, 'GET', `/sessions/${sessionId}/suggestions`)).json() as { items: Suggestion[] }).items
const write = (c: TestCompany, sessionId: string, body: string) =>
  call(t, c.admin, 'POST', `/sessions/${sessionId}/clients/messages`, { body })

describe('finding values in a message', () => {
  it('reads phones, e-mails, dates, links and numbers in Russian and English, each piece once', () => {
    const kinds = (text: string) => findValues(text).map((f) => [f.kind, f.value])
    expect(kinds('мой номер 8 916 123 45 67, почта anna.k@mail.ru')).toEqual([
      ['phone', '8 916 123 45 67'],
      ['email', 'anna.k@mail.ru'],
    ])
    expect(kinds('родилась 12 марта 1990, заказ 48213')).toEqual([
      ['date', '1990-03-12'],
      ['number', '48213'],
    ])
    expect(kinds('born March 12, 1990; call +7 (903) 111-22-33')).toEqual([
      ['date', '1990-03-12'],
      ['phone', '+7 (903) 111-22-33'],
    ])
    // 31.02 is no date, and not a number either.
    expect(kinds('дата 31.02.2020 и 2021-06-30, сайт www.shop.ru/a?b=1.')).toEqual([
      ['date', '2021-06-30'],
      ['link', 'https://www.shop.ru/a?b=1'],
    ])
    expect(findOptions('Я из Санкт-Петербурга, живу в казань', ['Казань', 'Санкт-Петербург', 'Москва'])).toEqual([
      'Казань',
    ])
  })
})

describe('suggestions from the dialogue', () => {
  it('offers values for empty fields and parameters, accepts one as a normal write and hides a rejected one for good', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const birthday = await b.attribute({ name: 'Дата рождения', type: 'date' })
    const city = await b.attribute({ name: 'Город', type: 'select', options: ['Москва', 'Казань'] })
    const age = await b.attribute({ name: 'Возраст', type: 'number' })
    const dialogue = await startDialogue(t, c.admin, { externalId: 'tg-s1' }, 'Здравствуйте, заказ 48213 не пришёл')
    expect(await offered(c, dialogue.id)).toEqual([])

    await write(
      c,
      dialogue.id,
      'мой номер 8 916 123 45 67, я из Казани... то есть Казань. Мне 34 года, родилась 12.03.1990',
    )
    const items = await offered(c, dialogue.id)
    expect(items.map((s) => [s.name, s.value])).toEqual([
      ['Телефон', '+79161234567'],
      ['Дата рождения', '1990-03-12'],
      ['Город', 'Казань'],
      ['Возраст', '34'],
    ])

    const phone = items.find((s) => s.field === 'phone')!
    const accepted = await call(t, c.operator, 'POST', `/suggestions/${phone.id}/accept`)
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect((await call(t, c.operator, 'GET', `/clients/${dialogue.clientId}`)).json()).toMatchObject({
      phone: '+79161234567',
    })
    const dated = items.find((s) => s.attributeId === birthday.id)!
    expect((await call(t, c.operator, 'POST', `/suggestions/${dated.id}/accept`)).statusCode).toBe(200)
    const history = (await call(t, c.supervisor, 'GET', `/clients/${dialogue.clientId}/history`)).json() as {
      items: { source: string }[]
    }
    expect(history.items.filter((h) => h.source === 'suggestion')).toHaveLength(2)

    const town = items.find((s) => s.attributeId === city.id)!
    expect((await call(t, c.operator, 'POST', `/suggestions/${town.id}/reject`)).statusCode).toBe(204)
    await write(c, dialogue.id, 'Повторю: Казань')
    expect((await offered(c, dialogue.id)).map((s) => s.name)).toEqual(['Возраст'])
    expect(age).toBeTruthy()
  })

  it('drops a suggestion another operator has filled meanwhile, and keeps it from another company', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const birthday = await b.attribute({ name: 'Дата рождения', type: 'date' })
    const dialogue = await startDialogue(t, c.admin, { externalId: 'tg-s2' }, 'день рождения 1 мая 1985')
    const [suggestion] = await offered(c, dialogue.id)
    expect(suggestion).toMatchObject({ attributeId: birthday.id, value: '1985-05-01' })

    const stranger = await makeCompany(t)
    expectError(await call(t, stranger.operator, 'POST', `/suggestions/${suggestion!.id}/accept`), 404)
    expectError(await call(t, stranger.operator, 'GET', `/sessions/${dialogue.id}/suggestions`), 404)

    await b.set(dialogue.clientId, birthday.id, '1985-05-02')
    expect(await offered(c, dialogue.id)).toEqual([])
    expectError(await call(t, c.operator, 'POST', `/suggestions/${suggestion!.id}/accept`), 409)
    const values = (await call(t, c.operator, 'GET', `/clients/${dialogue.clientId}/attributes`)).json() as {
      items: { id: string; value: string }[]
    }
    expect(values.items.find((a) => a.id === birthday.id)?.value).toBe('1985-05-02')
  })
})
