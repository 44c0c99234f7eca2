import { describe, expect, it } from 'vitest'
import type { ClientDirectory } from '@shared/client-directory'
import type { SavedView } from '@shared/views'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

type Who = TestCompany['admin']

/** A company where «Анна» has a supervisors-only value and «Борис» an admins-only one; «Вера» has neither. */
async function scene() {
  const c = await makeCompany(t)
  const b = cards(t, c)
  const limit = (
    await call(t, c.admin, 'POST', '/clients/attributes', { name: 'Лимит', visibleTo: ['supervisor'] })
  ).json() as { id: string }
  const risk = (await call(t, c.admin, 'POST', '/clients/attributes', { name: 'Риск', visibleTo: [] })).json() as {
    id: string
  }
  const anna = await b.client({ name: 'Анна', externalId: `anna-${c.company.id}` })
  const boris = await b.client({ name: 'Борис' })
  await b.client({ name: 'Вера' })
  await b.set(anna.id, limit.id, 'zzhiddenval123', c.supervisor)
  await b.set(boris.id, risk.id, 'qqadminonly456', c.admin)
  return { c, limit, risk, anna, boris }
}

const found = async (who: Who, keyword: string) =>
  ((await call(t, who, 'GET', `/clients?keyword=${encodeURIComponent(keyword)}`)).json() as ClientDirectory).items.map(
    (i) => i.name,
  )
const exported = async (who: Who, keyword: string) =>
  (await call(t, who, 'GET', `/clients/export.csv?keyword=${encodeURIComponent(keyword)}`)).body

describe('a value hidden from a role cannot be found by that role', () => {
  it('in the directory and the export: the keyword matches only the values the caller sees', async () => {
    const { c } = await scene()
    // Substring by substring: an operator would read a hidden value character by character.
    for (const keyword of ['zzh', 'zzhidden', 'zzhiddenval123']) {
      expect(await found(c.operator, keyword)).toEqual([])
      expect(await exported(c.operator, keyword)).not.toContain('Анна')
    }
    expect(await found(c.supervisor, 'zzh')).toEqual(['Анна'])
    expect(await exported(c.supervisor, 'zzh')).toContain('Анна')
    expect(await found(c.supervisor, 'qqadmin')).toEqual([])
    expect(await exported(c.supervisor, 'qqadmin')).not.toContain('Борис')
    expect(await found(c.admin, 'qqadmin')).toEqual(['Борис'])
    expect(await found(c.admin, 'zzh')).toEqual(['Анна'])
  })

  it('in a bulk edit: the filter picks only the clients the keyword finds in what the caller sees', async () => {
    const { c } = await scene()
    const vip = await cards(t, c).tag('ВИП')
    const res = await call(t, c.supervisor, 'POST', '/clients/bulk', {
      filter: { keyword: 'qqadmin' },
      addTags: [vip.id],
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ matched: 0, changed: 0 })
    const own = await call(t, c.supervisor, 'POST', '/clients/bulk', {
      filter: { keyword: 'zzhidden' },
      addTags: [vip.id],
    })
    expect(own.json()).toMatchObject({ matched: 1, changed: 1 })
  })

  it('in saved views: a view that names a hidden parameter is not listed, and a keyword view counts what its reader sees', async () => {
    const { c, limit } = await scene()
    const save = async (name: string, query: string) => {
      const res = await call(t, c.supervisor, 'POST', '/views', { name, query, shared: true })
      expect(res.statusCode, res.body).toBe(201)
    }
    await save('Лимиты', `attr.${limit.id}=zzhiddenval123`)
    await save('Колонка лимита', `sort=name&cols=name,${limit.id}`)
    await save('Поиск', 'q=zzhidden')
    const views = async (who: Who) => ((await call(t, who, 'GET', '/views')).json() as { items: SavedView[] }).items
    const counts = async (who: Who) =>
      Promise.all(
        (await views(who)).map(async (v) => [
          v.name,
          ((await call(t, who, 'GET', `/views/${v.id}/count`)).json() as { count: number }).count,
        ]),
      )
    expect(await counts(c.operator)).toEqual([['Поиск', 0]])
    expect(await counts(c.supervisor)).toEqual([
      ['Колонка лимита', 3],
      ['Лимиты', 1],
      ['Поиск', 1],
    ])
    expect(JSON.stringify(await views(c.operator))).not.toContain(limit.id)
  })

  it('in the dialogue list: a filter on a hidden parameter is refused, and its keyword does not read values', async () => {
    const { c, limit, anna } = await scene()
    await startDialogue(t, c.operator, { externalId: `anna-${c.company.id}` })
    expectBadInput(
      await call(t, c.operator, 'GET', `/sessions?attr.${limit.id}=zzhiddenval123`),
      `querystring.attr.${limit.id}`,
    )
    const sessions = async (who: Who, query: string) =>
      ((await call(t, who, 'GET', `/sessions?${query}`)).json() as { items: { client: { id: string } }[] }).items
    expect(await sessions(c.operator, 'keyword=zzhidden')).toEqual([])
    expect((await sessions(c.supervisor, `attr.${limit.id}=zzhiddenval123`)).map((s) => s.client.id)).toEqual([anna.id])
  })
})
