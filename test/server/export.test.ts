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
  const res = await call(t, c.supervisor, 'GET', `/clients/export.csv${query ? `?${query}` : ''}`)
  expect(res.statusCode, res.body).toBe(200)
  expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  const [header, ...rows] = parseCsv(res.rawPayload.subarray(3).toString('utf8'))
  return { res, header: header!, rows }
}

/** A moment as the export writes it: ДД.ММ.ГГГГ ЧЧ:ММ:СС in a zone `hours` ahead of UTC. */
const local = (iso: string, hours: number) =>
  new Date(Date.parse(iso) + hours * 3600_000)
    .toISOString()
    .slice(0, 19)
    .replace(/^(\d{4})-(\d{2})-(\d{2})T/, '$3.$2.$1 ')

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
    expect(header).toEqual([
      'ID клиента',
      'Внешний ID',
      'Имя',
      'Телефон',
      'Эл. почта',
      'Теги клиента',
      'Последний диалог (Europe/Moscow, UTC+03:00)',
      'Изменён (Europe/Moscow, UTC+03:00)',
      'Создан (Europe/Moscow, UTC+03:00)',
      'Город',
      'Увлечение',
    ])
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect(row!.slice(0, 6)).toEqual([client.id, 'ext-1', 'Иван; "Ваня"', '8 (900) 000-00-00', '', 'ВИП, Часто пишет'])
    const updatedAt = (await call(t, c.operator, 'GET', `/clients/${client.id}`)).json().updatedAt as string
    expect(row![7]).toBe(local(updatedAt, 3))
    expect(row!.slice(9)).toEqual(['Нижний\nНовгород', ''])
    expect(res.body).toContain('"Иван; ""Ваня"""')

    expect((await call(t, c.admin, 'GET', '/clients/export.csv')).statusCode).toBe(200)
    expectError(await call(t, null, 'GET', '/clients/export.csv'), 401)
    expect(hobby).toBeDefined()
  })

  it('writes times in the time zone the admin set for the company, and refuses an unknown zone', async () => {
    const c = await makeCompany(t)
    const client = await cards(t, c).client({ name: 'Екатеринбург' })
    expectBadInput(await call(t, c.admin, 'PATCH', '/company', { timeZone: 'Mars/Olympus' }), 'body.timeZone')
    expectError(await call(t, c.operator, 'PATCH', '/company', { timeZone: 'Asia/Yekaterinburg' }), 403)
    expect((await call(t, c.admin, 'PATCH', '/company', { timeZone: 'Asia/Yekaterinburg' })).json().timeZone).toBe(
      'Asia/Yekaterinburg',
    )
    const { header, rows } = await exportCsv(c)
    expect(header[8]).toBe('Создан (Asia/Yekaterinburg, UTC+05:00)')
    const createdAt = (await call(t, c.operator, 'GET', `/clients/${client.id}`)).json().createdAt as string
    expect(rows[0]![8]).toBe(local(createdAt, 5))
  })

  it('writes numbers, yes/no, dates and phones as Excel in a Russian locale reads them, and the import takes the file back as it was', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const height = await b.attribute({ name: 'Рост', type: 'number' })
    const debt = await b.attribute({ name: 'Долг', type: 'number' })
    const consent = await b.attribute({ name: 'Согласие', type: 'boolean' })
    const refused = await b.attribute({ name: 'Отказ', type: 'boolean' })
    const born = await b.attribute({ name: 'Дата рождения', type: 'date' })
    const work = await b.attribute({ name: 'Рабочий телефон', type: 'phone' })
    const hobbies = await b.attribute({ name: 'Увлечения', type: 'multiselect', options: ['Спорт', 'Музыка'] })
    const client = await b.client({ name: 'Ольга', phone: '+7 916 123-45-67', externalId: 'ru-1' })
    const abroad = await b.client({ name: 'John', phone: '+44 20 7946 0958', externalId: 'uk-1' })
    for (const [attribute, value] of [
      [height, '172,5'],
      [debt, '-1500,25'],
      [consent, 'да'],
      [refused, 'нет'],
      [born, '12.03.1990'],
      [work, '8 495 123-45-67 доб. 12'],
      [hobbies, 'Спорт, Музыка'],
    ] as const)
      await b.set(client.id, attribute.id, value)

    const { res, header, rows } = await exportCsv(c, 'sort=name')
    const byName = new Map(rows.map((r) => [r[2], Object.fromEntries(header.map((h, i) => [h, r[i]]))]))
    expect(byName.get('Ольга')).toMatchObject({
      Телефон: '8 (916) 123-45-67',
      Рост: '172,5',
      Долг: '-1500,25',
      Согласие: 'да',
      Отказ: 'нет',
      'Дата рождения': '12.03.1990',
      'Рабочий телефон': '8 (495) 123-45-67 доб. 12',
      Увлечения: 'Спорт, Музыка',
    })
    // A number from abroad keeps its code, behind the formula guard's apostrophe; a negative number is no formula.
    expect(byName.get('John')!.Телефон).toBe("'+44 20 7946 0958")
    expect(res.body).toContain(';-1500,25;')

    // The same file back: every row is found and nothing changes.
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/clients/import',
      headers: { ...c.admin.auth, 'content-type': 'text/csv' },
      payload: res.rawPayload,
    })
    expect(upload.statusCode, upload.body).toBe(200)
    expect(upload.json()).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2, skipped: 0 })
    expect((await call(t, c.operator, 'GET', `/clients/${abroad.id}`)).json().phone).toBe('+442079460958')
    const values = (await call(t, c.operator, 'GET', `/clients/${client.id}/attributes`)).json().items as {
      name: string
      value: string
    }[]
    expect(Object.fromEntries(values.map((v) => [v.name, v.value]))).toEqual({
      Рост: '172.5',
      Долг: '-1500.25',
      Согласие: 'true',
      Отказ: 'false',
      'Дата рождения': '1990-03-12',
      'Рабочий телефон': '+74951234567;ext=12',
      Увлечения: '["Спорт","Музыка"]',
    })
  })

  it('lets operators download the directory only once an admin allows it', async () => {
    const c = await makeCompany(t)
    await cards(t, c).client({ name: 'Вера' })
    const refused = expectError(await call(t, c.operator, 'GET', '/clients/export.csv'), 403)
    expect(refused.error).toMatch(/операторам разрешает администратор/)
    expect((await call(t, c.admin, 'GET', '/company')).json()).toMatchObject({
      operatorsExport: false,
      phoneCountry: 'RU',
    })
    expectError(await call(t, c.supervisor, 'PATCH', '/company', { operatorsExport: true }), 403)
    expectBadInput(await call(t, c.admin, 'PATCH', '/company', { operatorsExport: 'да' }), 'body.operatorsExport')
    expect((await call(t, c.admin, 'PATCH', '/company', { operatorsExport: true })).json().operatorsExport).toBe(true)
    const allowed = await call(t, c.operator, 'GET', '/clients/export.csv')
    expect(allowed.statusCode).toBe(200)
    expect(allowed.body).toContain('Вера')
  })

  it('reads phones without a country code as numbers of the country the admin set', async () => {
    const c = await makeCompany(t)
    expectBadInput(await call(t, c.admin, 'PATCH', '/company', { phoneCountry: 'XX' }), 'body.phoneCountry')
    expectBadInput(
      await call(t, c.operator, 'POST', '/clients', { name: 'Минск', phone: '29 123-45-67' }),
      'body.phone',
    )
    expect((await call(t, c.admin, 'PATCH', '/company', { phoneCountry: 'by' })).json().phoneCountry).toBe('BY')
    const created = await call(t, c.operator, 'POST', '/clients', { name: 'Минск', phone: '29 123-45-67' })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().phone).toBe('+375291234567')
  })

  it('escapes values a spreadsheet would run as formulas', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const note = await b.attribute({ name: 'Заметка' })
    const payloads = [
      '=HYPERLINK("http://evil.example","x")',
      '+7 900 000-00-00',
      '-2+3',
      '@SUM(A1)',
      '\tTAB',
      'обычный',
    ]
    for (const [i, value] of payloads.entries()) await b.set((await b.client({ name: `К${i}` })).id, note.id, value)
    await b.client({ name: '=1+1' })
    // The API trims what it stores; an integration writing to the database directly might not.
    await t.db.insert(clients).values([
      { companyId: c.company.id, name: '\t=cmd' },
      { companyId: c.company.id, name: '\r@x' },
    ])
    const { rows } = await exportCsv(c, 'sort=name')
    const byName = new Map(rows.map((r) => [r[2], r[9]]))
    // Values are trimmed when written, so the tab only survives inside a value.
    expect(payloads.map((_, i) => byName.get(`К${i}`))).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      "'+7 900 000-00-00",
      "'-2+3",
      "'@SUM(A1)",
      'TAB',
      'обычный',
    ])
    expect(rows.map((r) => r[2])).toEqual(expect.arrayContaining(["'=1+1", "'\t=cmd", "'\r@x"]))
  })

  it('exports only what the filters select, in the chosen order', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const level = await b.attribute({ name: 'Уровень', type: 'select', options: ['Gold', 'Silver'] })
    const vip = await b.tag('ВИП')
    for (const [name, value, tagged] of [
      ['Анна', 'Gold', true],
      ['Борис', 'Gold', false],
      ['Вера', 'Silver', true],
      ['Глеб', 'Gold', true],
    ] as const) {
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
