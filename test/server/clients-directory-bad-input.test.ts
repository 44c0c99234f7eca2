import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { c, other, t, useTestApp } from '../support/app'
import { call, expectBadInput } from '../support/api'
import { cards } from '../support/cards'

let number: { id: string }
useTestApp()
beforeAll(async () => {
  number = await cards(t, c).attribute({ name: 'Число', type: 'number' })
  await cards(t, c).client({ name: 'Клиент' })
})

// The directory and the export take the same filters and must refuse the same way.
const routes = ['/clients', '/clients/export.csv']
// The export is for supervisors (and operators an admin allowed).
const get = (path: string, query: string) =>
  call(t, path === '/clients' ? c.operator : c.supervisor, 'GET', `${path}?${query}`)

describe.each(routes)('bad filters on GET %s', (path) => {
  it("refuses a filter on another company's attribute, naming it", async () => {
    const foreign = await cards(t, other).attribute({ name: `Чужой ${path}` })
    const body = expectBadInput(await get(path, `attr.${foreign.id}=x`), `querystring.attr.${foreign.id}`)
    expect(body.error).toContain(foreign.id)
  })

  it('refuses a filter on an unknown attribute, naming it, even with a valid one beside it', async () => {
    const unknown = randomUUID()
    const body = expectBadInput(await get(path, `attr.${number.id}=*&attr.${unknown}=*`), `querystring.attr.${unknown}`)
    expect(body.error).toContain(unknown)
    expect(body.details).toHaveLength(1)
  })

  it('refuses malformed filter keys and values', async () => {
    expectBadInput(await get(path, 'attr.not-an-id=1'), 'querystring.attr.not-an-id')
    expectBadInput(await get(path, 'attr.=1'), 'querystring.attr.')
    // A value the attribute's type could never hold: the same message a write would get.
    const body = expectBadInput(await get(path, `attr.${number.id}=abc`), `querystring.attr.${number.id}`)
    expect(body.error).toMatch(/число/i)
    expectBadInput(await get(path, `attr.${number.id}=1&attr.${number.id}=2`), `querystring.attr.${number.id}`)
    expectBadInput(await get(path, `attr.${number.id}=${'1'.repeat(2001)}`), `querystring.attr.${number.id}`)
    expectBadInput(await get(path, 'colour=red'), 'querystring.colour')
    expectBadInput(await get(path, 'tagId=123'), 'querystring.tagId')
    expectBadInput(await get(path, 'withoutTagId=ВИП'), 'querystring.withoutTagId')
    expectBadInput(await get(path, 'updatedSince=yesterday'), 'querystring.updatedSince')
  })

  it('refuses an unknown sort field or order', async () => {
    const body = expectBadInput(await get(path, 'sort=email'), 'querystring.sort')
    expect(body.error).toContain('lastSessionAt')
    expectBadInput(await get(path, 'sort=name&order=up'), 'querystring.order')
  })
})

describe('bad paging on GET /clients', () => {
  it('refuses limit over the cap of 500, and zero', async () => {
    expectBadInput(await get('/clients', 'limit=501'), 'querystring.limit')
    expectBadInput(await get('/clients', 'limit=0'), 'querystring.limit')
    expect((await get('/clients', 'limit=500')).statusCode).toBe(200)
  })

  it('refuses a cursor that is garbage, of another sort, or combined with offset', async () => {
    expectBadInput(await get('/clients', 'cursor=garbage'), 'querystring.cursor')
    const forged = Buffer.from(JSON.stringify(['name', 'asc', 1, 'x'])).toString('base64url')
    expectBadInput(await get('/clients', `cursor=${forged}`), 'querystring.cursor')
    const byName = (await get('/clients', 'sort=name&limit=1')).json()
    const cursor =
      byName.nextCursor ?? Buffer.from(JSON.stringify(['name', 'asc', 'Я', randomUUID()])).toString('base64url')
    expectBadInput(await get('/clients', `sort=updatedAt&cursor=${cursor}`), 'querystring.cursor')
    expectBadInput(await get('/clients', `sort=name&order=desc&cursor=${cursor}`), 'querystring.cursor')
    expectBadInput(await get('/clients', `sort=name&cursor=${cursor}&offset=5`), 'querystring.offset')
    const date = Buffer.from(JSON.stringify(['updatedAt', 'desc', 'not a date', randomUUID()])).toString('base64url')
    expectBadInput(await get('/clients', `sort=updatedAt&cursor=${date}`), 'querystring.cursor')
  })

  it('refuses an offset deeper than 10,000, pointing to the cursor, and takes one at the limit', async () => {
    const deep = expectBadInput(await get('/clients', 'offset=900000'), 'querystring.offset')
    expect(deep.error).toContain('nextCursor')
    expect((await get('/clients', 'offset=10000')).statusCode).toBe(200)
  })

  it('does not take paging parameters on the export, which has no pages', async () => {
    expectBadInput(await get('/clients/export.csv', 'limit=10'), 'querystring.limit')
  })
})
