import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { addDays, OFFICIAL_HOLIDAYS, workingDaysLeft, type PrivacyRequest } from '@shared/privacy'
import { rowsOf } from '../../src/server/db/raw'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

describe('deadlines in working days', () => {
  it('skips weekends and the official holidays, and counts calendar days where the law does', () => {
    // Received on Friday 2026-12-25: ten working days end on Tuesday 2027-01-19 (December 31 and the New Year days are off).
    expect(addDays('2026-12-25', 10, true, OFFICIAL_HOLIDAYS)).toBe('2027-01-19')
    // Wednesday 2026-11-04 is a holiday: three working days from Tuesday the 3rd end on Monday the 9th.
    expect(addDays('2026-11-03', 3, true, OFFICIAL_HOLIDAYS)).toBe('2026-11-09')
    expect(addDays('2026-12-01', 30, false, OFFICIAL_HOLIDAYS)).toBe('2026-12-31')
    expect(workingDaysLeft('2026-12-04', '2026-12-08', OFFICIAL_HOLIDAYS)).toBe(2)
    expect(workingDaysLeft('2026-12-08', '2026-12-04', OFFICIAL_HOLIDAYS)).toBe(-2)
  })
})

describe('requests under 152-ФЗ', () => {
  it('registers a request with its deadline, extends it once with a reason, and closes it with the act', async () => {
    const c = await makeCompany(t)
    const client = await cards(t, c).client({ name: 'Мария Соколова', phone: '+79035550011' })
    await call(t, c.admin, 'PATCH', '/privacy/settings', { holidays: [] })
    const created = await call(t, c.admin, 'POST', '/privacy-requests', {
      kind: 'access',
      channel: 'email',
      subject: 'Соколова Мария, письмо от 01.12.2026',
      clientId: client.id,
      receivedOn: '2026-12-01',
    })
    expect(created.statusCode, created.body).toBe(201)
    const request: PrivacyRequest = created.json()
    // Tuesday + 10 working days, weekends only off.
    expect(request).toMatchObject({
      number: 1,
      dueOn: '2026-12-15',
      status: 'open',
      client: { name: 'Мария Соколова' },
    })

    const extended = await call(t, c.admin, 'PATCH', `/privacy-requests/${request.id}`, {
      extensionReason: 'Нужны сведения из архива, уведомление отправлено 10.12',
    })
    expect(extended.json()).toMatchObject({ dueOn: '2026-12-22', extensionReason: expect.any(String) })
    expect(
      expectError(
        await call(t, c.admin, 'PATCH', `/privacy-requests/${request.id}`, { extensionReason: 'ещё раз' }),
        409,
      ).error,
    ).toContain('один раз')

    // Erasing on the request attaches the act and closes it.
    const erased = await call(t, c.admin, 'POST', `/clients/${client.id}/erase`, {
      subject: 'Соколова Мария',
      reason: 'Запрос № 1',
      requestId: request.id,
    })
    expect(erased.statusCode, erased.body).toBe(200)
    const closed = (await call(t, c.admin, 'GET', `/privacy-requests/${request.id}`)).json()
    expect(closed).toMatchObject({ status: 'closed', resolution: 'erased', actId: erased.json().id, daysLeft: null })
    expectError(await call(t, c.admin, 'PATCH', `/privacy-requests/${request.id}`, { note: 'x' }), 409)
  })

  it('counts requests due soon and overdue for the badge', async () => {
    const c = await makeCompany(t)
    const [row] = await rowsOf<{ today: string }>(
      t.db,
      sql`SELECT to_char(now() AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD') AS today`,
    )
    const today = row!.today
    const register = (receivedOn: string, kind = 'block') =>
      call(t, c.admin, 'POST', '/privacy-requests', { kind, channel: 'post', subject: 'Заявитель', receivedOn })
    const dueToday = (await register(today)).json() as PrivacyRequest
    await t.db.execute(sql`UPDATE privacy_requests SET due_on = ${today}::date WHERE id = ${dueToday.id}`)
    expect((await register('2026-01-12')).statusCode).toBe(201)
    expect((await register(today, 'withdrawal')).statusCode).toBe(201)
    expect((await call(t, c.admin, 'GET', '/privacy-requests/due')).json()).toEqual({ dueSoon: 1, overdue: 1 })
    const list = (await call(t, c.admin, 'GET', '/privacy-requests')).json()
    expect(list.items[0].daysLeft).toBeLessThan(0)
  })

  it('refuses bad input, other roles and other companies', async () => {
    const c = await makeCompany(t)
    const good = { kind: 'erasure', channel: 'chat', subject: 'Иванов', receivedOn: '2026-12-01' }
    expectBadInput(await call(t, c.admin, 'POST', '/privacy-requests', { ...good, kind: 'delete' }), 'body.kind')
    expectBadInput(
      await call(t, c.admin, 'POST', '/privacy-requests', { ...good, receivedOn: '01.12.2026' }),
      'body.receivedOn',
    )
    expectBadInput(
      await call(t, c.admin, 'POST', '/privacy-requests', { ...good, receivedOn: '2999-01-01' }),
      'body.receivedOn',
    )
    expectBadInput(await call(t, c.admin, 'POST', '/privacy-requests', { ...good, subject: '' }), 'body.subject')
    for (const who of [c.operator, c.supervisor]) {
      expectError(await call(t, who, 'GET', '/privacy-requests'), 403)
      expectError(await call(t, who, 'POST', '/privacy-requests', good), 403)
    }
    const request = (await call(t, c.admin, 'POST', '/privacy-requests', good)).json() as PrivacyRequest
    expectBadInput(
      await call(t, c.admin, 'PATCH', `/privacy-requests/${request.id}`, { resolution: 'erased' }),
      'body.actId',
    )
    const other = await makeCompany(t)
    expectError(await call(t, other.admin, 'GET', `/privacy-requests/${request.id}`), 404)
    expectError(await call(t, other.admin, 'PATCH', `/privacy-requests/${request.id}`, { note: 'x' }), 404)
    const stranger = await cards(t, other).client({ name: 'Чужой' })
    expectError(await call(t, c.admin, 'POST', '/privacy-requests', { ...good, clientId: stranger.id }), 404)
  })
})

describe('retention', () => {
  it('shows how many it would destroy, then destroys them in one act; a client with a recent change stays', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const old = [await b.client({ name: 'Старый 1' }), await b.client({ name: 'Старый 2' })]
    const fresh = await b.client({ name: 'Свежий' })
    await t.db.execute(
      sql`UPDATE clients SET created_at = now() - interval '3 years', updated_at = now() - interval '3 years'
        WHERE company_id = ${c.company.id} AND id <> ${fresh.id}`,
    )
    expect((await call(t, c.admin, 'GET', '/privacy/retention')).json()).toEqual({ months: null, clients: 0 })
    expectBadInput(await call(t, c.admin, 'PATCH', '/privacy/settings', { retentionMonths: 0 }), 'body.retentionMonths')
    await call(t, c.admin, 'PATCH', '/privacy/settings', { retentionMonths: 24 })
    expect((await call(t, c.admin, 'GET', '/privacy/retention')).json()).toEqual({ months: 24, clients: 2 })

    const run = (await call(t, c.admin, 'POST', '/privacy/retention/run')).json()
    expect(run.act).toMatchObject({
      clientIds: expect.arrayContaining(old.map((x) => x.id)),
      performedByName: 'Сервис: срок хранения',
    })
    expect((await call(t, c.admin, 'GET', `/clients/${fresh.id}`)).json().name).toBe('Свежий')
    expect((await call(t, c.admin, 'GET', `/clients/${old[0]!.id}`)).json().erasedAt).toEqual(expect.any(String))
    expect((await call(t, c.admin, 'POST', '/privacy/retention/run')).json()).toEqual({ act: null })
    const log = (await call(t, c.admin, 'GET', '/audit?action=client.erased')).json()
    expect(log.items[0].summary).toContain('уничтожены персональные данные 2 клиентов')
  })
})
