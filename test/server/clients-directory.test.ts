import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_DIRECTORY_ATTRIBUTES, type ClientDirectory } from '@shared/client-directory'
import { makeCompany, t, type TestCompany, useTestApp } from '../support/app'
import { call, expectBadInput, serverTick, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

async function list(c: TestCompany, query: string) {
  const res = await call(t, c.operator, 'GET', `/clients?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as ClientDirectory
}
const names = async (c: TestCompany, query: string) => (await list(c, query)).items.map((i) => i.name).sort()

describe('GET /clients filters', () => {
  it('finds a keyword in attribute values too, once per client, but not in archived attributes', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const hobby = await b.attribute({ name: 'Увлечение' })
    const old = await b.attribute({ name: 'Старое' })
    const fisher = await b.client({ name: 'Рыбак' })
    const both = await b.client({ name: 'Рыбалкин' })
    const hidden = await b.client({ name: 'Скрытый' })
    await b.set(fisher.id, hobby.id, 'Зимняя РЫБАЛКА')
    await b.set(both.id, hobby.id, 'рыбалка')
    await b.set(hidden.id, old.id, 'рыбалка')
    await call(t, c.admin, 'DELETE', `/clients/attributes/${old.id}`)
    const found = await list(c, `keyword=${encodeURIComponent('рыбалк')}`)
    expect(found.count).toBe(2)
    expect(found.items.map((i) => i.name).sort()).toEqual(['Рыбак', 'Рыбалкин'])
    // Under three characters only the client's own fields are searched (no trigram index can help).
    expect(await names(c, `keyword=${encodeURIComponent('ры')}`)).toEqual(['Рыбак', 'Рыбалкин', 'Скрытый'])
    expect(await names(c, `keyword=${encodeURIComponent('ка')}`)).toEqual([])
    expect(await names(c, `keyword=${encodeURIComponent('зим')}`)).toEqual(['Рыбак'])
  })

  it("finds a keyword in each of the card's own fields, but not across two of them", async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    await b.client({ name: 'Ольга Петрова', phone: '+79161234567', email: 'olga@example.ru', externalId: 'crm-77' })
    for (const keyword of ['петрова', '+7916', '8 916 123-45-67', 'OLGA@EXAMPLE', 'crm-7'])
      expect(await names(c, `keyword=${encodeURIComponent(keyword)}`), keyword).toEqual(['Ольга Петрова'])
    // The end of one field and the start of the next are not one text.
    for (const keyword of ['Петрова+7916', 'петрова 79', '4567olga', 'ru crm'])
      expect(await names(c, `keyword=${encodeURIComponent(keyword)}`), keyword).toEqual([])
  })

  it('filters by attribute value: exact (normalised like a write), set, empty, several with AND', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const size = await b.attribute({ name: 'Размер', type: 'number' })
    const level = await b.attribute({ name: 'Уровень', type: 'select', options: ['Gold', 'Silver'] })
    const [one, two, three, none] = await Promise.all(['Один', 'Два', 'Три', 'Никто'].map((name) => b.client({ name })))
    await b.set(one!.id, size.id, '3.5')
    await b.set(one!.id, level.id, 'Gold')
    await b.set(two!.id, size.id, '3,5')
    await b.set(three!.id, size.id, '7')
    await b.set(three!.id, size.id, null) // cleared: counts as empty
    await b.set(three!.id, level.id, 'Silver')
    expect(none).toBeDefined()

    expect(await names(c, `attr.${size.id}=${encodeURIComponent('3,5')}`)).toEqual(['Два', 'Один'])
    expect(await names(c, `attr.${size.id}=*`)).toEqual(['Два', 'Один'])
    expect(await names(c, `attr.${size.id}=`)).toEqual(['Никто', 'Три'])
    expect(await names(c, `attr.${level.id}=gold`)).toEqual(['Один'])
    expect(await names(c, `attr.${size.id}=*&attr.${level.id}=*`)).toEqual(['Один'])
    expect(await names(c, `attr.${size.id}=&attr.${level.id}=`)).toEqual(['Никто'])
  })

  it('counts tags and parameters together the same way, whichever condition the count starts from', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const [vip, often] = [await b.tag('ВИП'), await b.tag('Часто пишет')]
    const size = await b.attribute({ name: 'Размер', type: 'number' })
    const city = await b.attribute({ name: 'Город' })
    const people = await Promise.all(['А', 'Б', 'В', 'Г', 'Д', 'Е'].map((name) => b.client({ name })))
    const [a, bb, v, g, d] = people.map((p) => p!.id) as [string, string, string, string, string]
    for (const id of [a, bb, v]) await b.addTag(id, vip.id)
    for (const id of [bb, g]) await b.addTag(id, often.id)
    await b.set(a, size.id, '3')
    await b.set(bb, size.id, '7')
    await b.set(g, size.id, '9')
    await b.set(d, size.id, '5')
    await b.set(d, size.id, null) // cleared: no value
    await b.set(a, city.id, 'Казань')
    await b.set(v, city.id, 'Казань')
    // The same ids in another company do not count.
    const other = await makeCompany(t)
    await cards(t, other).client({ name: 'Чужой' })

    const cases: [string, string[]][] = [
      [`tagId=${vip.id}`, ['А', 'Б', 'В']],
      [`tagId=${vip.id}&tagId=${often.id}`, ['Б']],
      [`tagId=${vip.id}&withoutTagId=${often.id}`, ['А', 'В']],
      [`attr.${size.id}=*`, ['А', 'Б', 'Г']],
      [`attr.${size.id}.gte=5&tagId=${often.id}`, ['Б', 'Г']],
      [`attr.${size.id}=&tagId=${vip.id}`, ['В']],
      [`attr.${size.id}=&attr.${city.id}=*`, ['В']],
      [`attr.${city.id}=${encodeURIComponent('Казань')}&withoutTagId=${often.id}&attr.${size.id}.lte=3`, ['А']],
      [`withoutTagId=${vip.id}&attr.${size.id}=`, ['Д', 'Е']],
    ]
    for (const [query, expected] of cases) {
      const capped = await list(c, query)
      const exact = await list(c, `${query}&withCount=exact`)
      expect(capped.items.map((i) => i.name).sort(), query).toEqual(expected)
      expect([capped.count, exact.count], query).toEqual([expected.length, expected.length])
    }
  })

  it('filters by all of several client tags, together with attribute filters and a keyword', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const vip = await b.tag('ВИП')
    const often = await b.tag('Часто пишет')
    const city = await b.attribute({ name: 'Город' })
    const [a1, a2, a3] = await Promise.all(['Анна', 'Борис', 'Вера'].map((name) => b.client({ name })))
    for (const x of [a1!, a2!, a3!]) await b.addTag(x.id, vip.id)
    for (const x of [a1!, a2!]) await b.addTag(x.id, often.id)
    await b.set(a1!.id, city.id, 'Казань')
    expect(await names(c, `tagId=${vip.id}`)).toEqual(['Анна', 'Борис', 'Вера'])
    expect(await names(c, `tagId=${vip.id}&tagId=${often.id}`)).toEqual(['Анна', 'Борис'])
    expect(await names(c, `tagId=${vip.id}&tagId=${often.id}&attr.${city.id}=`)).toEqual(['Борис'])
    expect(await names(c, `tagId=${often.id}&keyword=${encodeURIComponent('казан')}`)).toEqual(['Анна'])
    // Without a tag: none of the listed ones, alone or beside the other filters.
    expect(await names(c, `withoutTagId=${often.id}`)).toEqual(['Вера'])
    expect(await names(c, `tagId=${vip.id}&withoutTagId=${often.id}`)).toEqual(['Вера'])
    expect(await names(c, `withoutTagId=${vip.id}&withoutTagId=${often.id}`)).toEqual([])
    expect(await names(c, `tagId=${vip.id}&withoutTagId=${vip.id}`)).toEqual([])
  })

  it('moves updatedAt when a value or a client tag changes, and filters by updatedSince', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const note = await b.attribute({ name: 'Заметка' })
    const tag = await b.tag('Тег')
    const [x, y, z] = await Promise.all(['Икс', 'Игрек', 'Зет'].map((name) => b.client({ name })))
    const since = await serverTick(t)
    expect(await names(c, `updatedSince=${since}`)).toEqual([])
    await b.set(x!.id, note.id, 'что-то')
    await b.addTag(y!.id, tag.id)
    expect(await names(c, `updatedSince=${since}`)).toEqual(['Игрек', 'Икс'])
    const byUpdate = await list(c, 'sort=updatedAt&order=desc')
    expect(byUpdate.items.map((i) => i.name)).toEqual(['Игрек', 'Икс', z!.name])
    expect(Date.parse(byUpdate.items[0]!.updatedAt)).toBeGreaterThan(Date.parse(since))

    // Clearing and removing are changes as well; a repeated write is not.
    const later = await serverTick(t)
    await b.set(x!.id, note.id, 'что-то')
    await b.addTag(y!.id, tag.id)
    expect(await names(c, `updatedSince=${later}`)).toEqual([])
    await b.set(x!.id, note.id, null)
    await b.removeTag(y!.id, tag.id)
    expect(await names(c, `updatedSince=${later}`)).toEqual(['Игрек', 'Икс'])
  })
})

describe('GET /clients sorting and paging', () => {
  let c: TestCompany
  const sorts = ['lastSessionAt', 'name', 'updatedAt'] as const

  beforeAll(async () => {
    c = await makeCompany(t)
    const b = cards(t, c)
    for (const name of ['Вера', 'Анна', null, 'Анна', 'Борис', null, 'Галина']) await b.client({ name })
    for (const name of ['Дмитрий', 'Анна'])
      await startDialogue(t, c.operator, { externalId: `ext-${randomUUID()}`, name })
  })

  it('sorts by name with empty names as the smallest value and ties broken by id', async () => {
    const asc = (await list(c, 'sort=name&order=asc&limit=500')).items
    expect(asc.map((i) => i.name)).toEqual([null, null, 'Анна', 'Анна', 'Анна', 'Борис', 'Вера', 'Галина', 'Дмитрий'])
    const annas = asc.filter((i) => i.name === 'Анна').map((i) => i.id)
    expect(annas).toEqual([...annas].sort())
    const desc = (await list(c, 'sort=name&order=desc&limit=500')).items
    expect(desc.map((i) => i.id)).toEqual(asc.map((i) => i.id).reverse())
  })

  it('sorts by the last dialogue, most recent first by default, clients without one last', async () => {
    const items = (await list(c, 'limit=500')).items
    expect(items.slice(0, 2).map((i) => i.name)).toEqual(['Анна', 'Дмитрий'])
    expect(items.slice(2).every((i) => i.lastSessionAt === null)).toBe(true)
    const asc = (await list(c, 'sort=lastSessionAt&order=asc&limit=500')).items
    expect(asc.map((i) => i.id)).toEqual(items.map((i) => i.id).reverse())
  })

  // A filter that keeps every client: filtered pages are picked from the gathered matches, unfiltered ones not.
  const everyone = 'updatedSince=2000-01-01T00:00:00.000Z'

  it('keyset paging returns every row exactly once, in the same order as one big page, filtered or not', async () => {
    for (const filter of ['', everyone]) {
      for (const sort of sorts) {
        for (const order of ['asc', 'desc']) {
          const q = `${filter}&sort=${sort}&order=${order}`
          const whole = (await list(c, `${q}&limit=500`)).items.map((i) => i.id)
          expect(whole).toHaveLength(9)
          const seen: string[] = []
          let cursor: string | undefined
          for (let pages = 0; pages < 20; pages++) {
            const page = await list(c, `${q}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
            expect(page.count).toBe(9)
            seen.push(...page.items.map((i) => i.id))
            cursor = page.nextCursor
            if (!cursor) break
          }
          expect(seen, q).toEqual(whole)
        }
      }
    }
  })

  it('gives offset pages a nextCursor to continue from, and none on the last page, filtered or not', async () => {
    for (const filter of ['', everyone]) {
      const first = await list(c, `${filter}&sort=name&limit=4&offset=3`)
      expect(first.nextCursor).toBeTypeOf('string')
      const next = await list(c, `${filter}&sort=name&limit=4&cursor=${first.nextCursor}`)
      const whole = (await list(c, `${filter}&sort=name&limit=500`)).items.map((i) => i.id)
      expect([...first.items, ...next.items].map((i) => i.id)).toEqual(whole.slice(3, 9))
      expect(next.nextCursor).toBeUndefined()
      expect((await list(c, `${filter}&sort=name&limit=9`)).nextCursor).toBeUndefined()
      expect(await list(c, `${filter}&sort=name&limit=4&offset=20`)).toMatchObject({ count: 9, items: [] })
    }
  })
})

describe('GET /clients with attribute values', () => {
  it('returns the values of the requested attributes only, null when unset or cleared, archived ones too', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const age = await b.attribute({ name: 'Возраст', type: 'number' })
    const other = await b.attribute({ name: 'Не спрошен' })
    const [anna, boris, vera] = await Promise.all(['Анна', 'Борис', 'Вера'].map((name) => b.client({ name })))
    await b.set(anna!.id, city.id, 'Казань')
    await b.set(anna!.id, other.id, 'не вернётся')
    await b.set(boris!.id, age.id, '34')
    await b.set(vera!.id, city.id, 'Уфа')
    await b.set(vera!.id, city.id, null)
    await call(t, c.admin, 'DELETE', `/clients/attributes/${age.id}`)

    const page = await list(c, `sort=name&attributeId=${city.id}&attributeId=${age.id}`)
    expect(page.items.map((i) => [i.name, i.attributes])).toEqual([
      ['Анна', { [city.id]: 'Казань', [age.id]: null }],
      ['Борис', { [city.id]: null, [age.id]: '34' }],
      ['Вера', { [city.id]: null, [age.id]: null }],
    ])
    // Every page of a keyset walk carries them.
    const second = await list(
      c,
      `sort=name&limit=2&cursor=${(await list(c, `sort=name&limit=2&attributeId=${city.id}`)).nextCursor}&attributeId=${city.id}`,
    )
    expect(second.items.map((i) => i.attributes)).toEqual([{ [city.id]: null }])
    // Without attributeId the items stay as they were.
    expect((await list(c, 'sort=name')).items.every((i) => !('attributes' in i))).toBe(true)
  })

  it(`refuses more than ${MAX_DIRECTORY_ATTRIBUTES} ids, and an attribute of another company or an unknown one, naming it`, async () => {
    const c = await makeCompany(t)
    const other = await makeCompany(t)
    const mine = await cards(t, c).attribute({ name: 'Свой' })
    const foreign = await cards(t, other).attribute({ name: 'Чужой' })
    const get = (query: string) => call(t, c.operator, 'GET', `/clients?${query}`)

    const many = Array.from({ length: MAX_DIRECTORY_ATTRIBUTES + 1 }, () => `attributeId=${randomUUID()}`).join('&')
    expectBadInput(await get(many), 'querystring.attributeId')
    for (const id of [foreign.id, randomUUID()]) {
      const body = expectBadInput(await get(`attributeId=${mine.id}&attributeId=${id}`), 'querystring.attributeId')
      expect(body.error).toContain(id)
      expect(body.details).toHaveLength(1)
    }
    expectBadInput(await get('attributeId=not-an-id'), 'querystring.attributeId')
  })
})
