import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { ClientDirectory } from '@shared/client-directory'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const names = async (c: TestCompany, query: string) =>
  ((await call(t, c.operator, 'GET', `/clients?sort=name&${query}`)).json() as ClientDirectory).items.map((x) => x.name)
const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10)

async function scene(c: TestCompany) {
  const b = cards(t, c)
  const age = await b.attribute({ name: 'Возраст', type: 'number' })
  const visit = await b.attribute({ name: 'Визит', type: 'date' })
  const plan = await b.attribute({ name: 'Тариф', type: 'select', options: ['Базовый', 'Премиум', 'Стандарт'] })
  const likes = await b.attribute({ name: 'Интересы', type: 'multiselect', options: ['Игры', 'Книги', 'Спорт'] })
  const people: [string, string, string, string, string][] = [
    ['Анна', '17', day(2), 'Базовый', 'Игры, Книги'],
    ['Борис', '30', day(40), 'Премиум', 'Спорт'],
    ['Вера', '9,5', day(400), 'Стандарт', 'Книги, Спорт'],
    ['Глеб', '120', day(0), 'Премиум', 'Игры'],
  ]
  for (const [name, a, v, p, l] of people) {
    const client = await b.client({ name })
    for (const [attribute, value] of [
      [age, a],
      [visit, v],
      [plan, p],
      [likes, l],
    ] as const)
      await b.set(client.id, attribute.id, value)
  }
  return { age, visit, plan, likes }
}

describe('range and list filters of the directory', () => {
  it('filters numbers and dates by range, dates by the last days, lists by any or all of their options', async () => {
    const c = await makeCompany(t)
    const s = await scene(c)
    expect(await names(c, `attr.${s.age.id}.gte=10&attr.${s.age.id}.lte=100`)).toEqual(['Анна', 'Борис'])
    expect(await names(c, `attr.${s.age.id}.gte=9.5`)).toEqual(['Анна', 'Борис', 'Вера', 'Глеб'])
    expect(await names(c, `attr.${s.age.id}.lte=${encodeURIComponent('9,5')}`)).toEqual(['Вера'])
    expect(await names(c, `attr.${s.visit.id}.gte=${day(60)}`)).toEqual(['Анна', 'Борис', 'Глеб'])
    expect(await names(c, `attr.${s.visit.id}.lastDays=7`)).toEqual(['Анна', 'Глеб'])
    expect(await names(c, `attr.${s.plan.id}.any=${encodeURIComponent('премиум,Стандарт')}`)).toEqual([
      'Борис',
      'Вера',
      'Глеб',
    ])
    expect(await names(c, `attr.${s.likes.id}.any=${encodeURIComponent('Игры,Спорт')}`)).toEqual([
      'Анна',
      'Борис',
      'Вера',
      'Глеб',
    ])
    expect(await names(c, `attr.${s.likes.id}.all=${encodeURIComponent('Книги,Спорт')}`)).toEqual(['Вера'])
    // The export and a bulk edit take the same filters.
    const csv = (await call(t, c.supervisor, 'GET', `/clients/export.csv?attr.${s.age.id}.gte=100`)).body
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2)
  })

  it('refuses a range whose start is after its end, and conditions the type does not have', async () => {
    const c = await makeCompany(t)
    const s = await scene(c)
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.age.id}.gte=50&attr.${s.age.id}.lte=10`),
      `querystring.attr.${s.age.id}.gte`,
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.visit.id}.gte=2024-05-01&attr.${s.visit.id}.lte=2024-01-01`),
      `querystring.attr.${s.visit.id}.gte`,
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.age.id}.gte=abc`),
      `querystring.attr.${s.age.id}.gte`,
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.plan.id}.gte=1`),
      `querystring.attr.${s.plan.id}.gte`,
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.age.id}.lastDays=7`),
      `querystring.attr.${s.age.id}.lastDays`,
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.visit.id}.lastDays=0`),
      `querystring.attr.${s.visit.id}.lastDays`,
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.plan.id}.all=Базовый`),
      `querystring.attr.${s.plan.id}.all`,
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.plan.id}.any=Золотой`),
      `querystring.attr.${s.plan.id}.any`,
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.age.id}.between=1`),
      `querystring.attr.${s.age.id}.between`,
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?attr.${s.age.id}=5&attr.${s.age.id}.gte=1`),
      `querystring.attr.${s.age.id}.gte`,
    )
  })

  it('finds the same clients by a multi-select with a few stored combinations and with a great many', async () => {
    const c = await makeCompany(t)
    const options = ['А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З']
    const likes = await cards(t, c).attribute({ name: 'Интересы', type: 'multiselect', options })
    // Every non-empty set of the eight options, one client each: 255 distinct stored arrays.
    await t.db
      .execute(sql`WITH s AS (SELECT n, ARRAY(SELECT (${sql.param(options)}::text[])[k] FROM generate_series(1, 8) k
        WHERE n & (1 << (k - 1)) <> 0) AS picked FROM generate_series(1, 255) n),
      made AS (INSERT INTO clients (company_id, name) SELECT ${c.company.id}, 'Клиент ' || n FROM s RETURNING id, name)
      INSERT INTO attribute_values (client_id, attribute_id, company_id, value)
      SELECT made.id, ${likes.id}, ${c.company.id}, array_to_json(s.picked)::text FROM made JOIN s ON made.name = 'Клиент ' || s.n`)
    const count = async (query: string) =>
      ((await call(t, c.operator, 'GET', `/clients?limit=1&attr.${likes.id}.${query}`)).json() as ClientDirectory).count
    // «Any of А» is held by 128 arrays: too many to name, read as a substring. «All of А…Е» by 4: named.
    expect(await count(`any=${encodeURIComponent('А')}`)).toBe(128)
    expect(await count(`all=${encodeURIComponent('А,Б,В,Г,Д,Е')}`)).toBe(4)
    expect(await count(`any=${encodeURIComponent('З,Ж')}`)).toBe(192)
    expect(await count(`all=${encodeURIComponent('З,Ж')}`)).toBe(64)
  })
})

describe('dialogues filtered by their clients', () => {
  it('finds the dialogues whose client has a parameter value or range and a client tag', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const age = await b.attribute({ name: 'Возраст', type: 'number' })
    const vip = await b.tag('ВИП')
    const sessions: Record<string, string> = {}
    for (const [name, years] of [
      ['Анна', '25'],
      ['Борис', '61'],
      ['Вера', '40'],
    ] as const) {
      const d = (
        await call(t, c.admin, 'POST', '/sessions', {
          client: { externalId: `ext-${name}`, name },
          message: 'Здравствуйте',
        })
      ).json() as { id: string; clientId: string }
      sessions[name] = d.id
      await b.set(d.clientId, age.id, years)
      if (name !== 'Вера') await b.addTag(d.clientId, vip.id)
    }
    const found = async (query: string) =>
      ((await call(t, c.operator, 'GET', `/sessions?${query}`)).json() as { items: { id: string }[] }).items
        .map((s) => Object.keys(sessions).find((n) => sessions[n] === s.id))
        .sort()
    expect(await found(`attr.${age.id}.gte=30`)).toEqual(['Борис', 'Вера'])
    expect(await found(`attr.${age.id}.gte=30&clientTagId=${vip.id}`)).toEqual(['Борис'])
    expectBadInput(
      await call(t, c.operator, 'GET', `/sessions?attr.${age.id}.gte=70&attr.${age.id}.lte=30`),
      `querystring.attr.${age.id}.gte`,
    )
  })
})
