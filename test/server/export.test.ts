import { describe, expect, it } from 'vitest'
import { clients } from '../../src/server/db/schema'
import { makeCompany, t, type TestCompany, useTestApp } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

/** RFC 4180 with ";": quoted fields may hold the separator, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[++i]
      else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') {
      quoted = true
    } else if (ch === ';') {
      endField()
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endField()
      rows.push(row)
      row = []
      i++
    } else {
      field += ch
    }
  }
  return rows
}

async function exportCsv(c: TestCompany, query = '') {
  const res = await call(t, c.operator, 'GET', `/clients/export.csv${query ? `?${query}` : ''}`)
  expect(res.statusCode, res.body).toBe(200)
  expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  const [header, ...rows] = parseCsv(res.rawPayload.subarray(3).toString('utf8'))
  return { res, header: header!, rows }
}

describe('GET /clients/export.csv', () => {
  it('is a UTF-8 file with BOM and a header naming every active attribute, for every role', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const archived = await b.attribute({ name: 'Архивный' })
    const hobby = await b.attribute({ name: 'Увлечение' })
    await call(t, c.admin, 'DELETE', `/clients/attributes/${archived.id}`)
    const vip = await b.tag('ВИП')
    const often = await b.tag('Часто пишет')
    const client = await b.client({ name: 'Иван; "Ваня"', phone: '8 900 000-00-00', externalId: 'ext-1' })
    await b.set(client.id, city.id, 'Нижний\nНовгород')
    await b.addTag(client.id, vip.id)
    await b.addTag(client.id, often.id)

    const { res, header, rows } = await exportCsv(c)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    const today = new Date().toISOString().slice(0, 10)
    expect(res.headers['content-disposition']).toBe(`attachment; filename="clients-${today}.csv"`)
    // A header in Russian; times in the company's zone (Moscow unless the admin chose another), named with its offset.
    expect(header).toEqual(['ID клиента', 'Внешний ID', 'Имя', 'Телефон', 'Эл. почта', 'Теги клиента',
      'Последний диалог (Europe/Moscow, UTC+03:00)', 'Изменён (Europe/Moscow, UTC+03:00)', 'Создан (Europe/Moscow, UTC+03:00)', 'Город', 'Увлечение'])
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect(row!.slice(0, 6)).toEqual([client.id, 'ext-1', 'Иван; "Ваня"', '8 900 000-00-00', '', 'ВИП, Часто пишет'])
    expect(row![7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const updatedAt = (await call(t, c.operator, 'GET', `/clients/${client.id}`)).json().updatedAt as string
    const moscow = new Date(Date.parse(updatedAt) + 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
    expect(row![7]).toBe(moscow)
    expect(row!.slice(9)).toEqual(['Нижний\nНовгород', ''])
    expect(res.body).toContain('"Иван; ""Ваня"""')

    for (const who of [c.supervisor, c.admin]) expect((await call(t, who, 'GET', '/clients/export.csv')).statusCode).toBe(200)
    expectError(await call(t, null, 'GET', '/clients/export.csv'), 401)
    expect(hobby).toBeDefined()
  })

  it('writes times in the time zone the admin set for the company, and refuses an unknown zone', async () => {
    const c = await makeCompany(t)
    const client = await cards(t, c).client({ name: 'Екатеринбург' })
    expectBadInput(await call(t, c.admin, 'PATCH', '/company', { timeZone: 'Mars/Olympus' }), 'body.timeZone')
    expectError(await call(t, c.operator, 'PATCH', '/company', { timeZone: 'Asia/Yekaterinburg' }), 403)
    expect((await call(t, c.admin, 'PATCH', '/company', { timeZone: 'Asia/Yekaterinburg' })).json().timeZone).toBe('Asia/Yekaterinburg')
    const { header, rows } = await exportCsv(c)
    expect(header[8]).toBe('Создан (Asia/Yekaterinburg, UTC+05:00)')
    const createdAt = (await call(t, c.operator, 'GET', `/clients/${client.id}`)).json().createdAt as string
    expect(rows[0]![8]).toBe(new Date(Date.parse(createdAt) + 5 * 3600_000).toISOString().slice(0, 19).replace('T', ' '))
  })

  it('escapes values a spreadsheet would run as formulas', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const note = await b.attribute({ name: 'Заметка' })
    const payloads = ['=HYPERLINK("http://evil.example","x")', '+7 900 000-00-00', '-2+3', '@SUM(A1)', '\tTAB', 'обычный']
    for (const [i, value] of payloads.entries()) await b.set((await b.client({ name: `К${i}` })).id, note.id, value)
    await b.client({ name: '=1+1' })
    // The API trims what it stores; an integration writing to the database directly might not.
    await t.db.insert(clients).values([{ companyId: c.company.id, name: '\t=cmd' }, { companyId: c.company.id, name: '\r@x' }])
    const { rows } = await exportCsv(c, 'sort=name')
    const byName = new Map(rows.map((r) => [r[2], r[9]]))
    // Values are trimmed when written, so the tab only survives inside a value.
    expect(payloads.map((_, i) => byName.get(`К${i}`))).toEqual([
      `'=HYPERLINK("http://evil.example","x")`, "'+7 900 000-00-00", "'-2+3", "'@SUM(A1)", 'TAB', 'обычный',
    ])
    expect(rows.map((r) => r[2])).toEqual(expect.arrayContaining(["'=1+1", "'\t=cmd", "'\r@x"]))
  })

  it('exports only what the filters select, in the chosen order', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const level = await b.attribute({ name: 'Уровень', type: 'select', options: ['Gold', 'Silver'] })
    const vip = await b.tag('ВИП')
    for (const [name, value, tagged] of [['Анна', 'Gold', true], ['Борис', 'Gold', false], ['Вера', 'Silver', true], ['Глеб', 'Gold', true]] as const) {
      const client = await b.client({ name })
      await b.set(client.id, level.id, value)
      if (tagged) await b.addTag(client.id, vip.id)
    }
    const { rows } = await exportCsv(c, `tagId=${vip.id}&attr.${level.id}=gold&sort=name&order=desc`)
    expect(rows.map((r) => r[2])).toEqual(['Глеб', 'Анна'])
    expect((await exportCsv(c, `keyword=${encodeURIComponent('вер')}`)).rows.map((r) => r[2])).toEqual(['Вера'])
  })

  it('streams a directory larger than one batch, every client once and in order', async () => {
    const c = await makeCompany(t)
    const total = 2_345
    const names = Array.from({ length: total }, (_, i) => `Клиент ${String(i).padStart(5, '0')}`)
    await t.db.insert(clients).values(names.map((name) => ({ companyId: c.company.id, name })))
    const { rows } = await exportCsv(c, 'sort=name')
    expect(rows.map((r) => r[2])).toEqual(names)
    expect(new Set(rows.map((r) => r[0])).size).toBe(total)
  })
})
