import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '@shared/audit'
import { auditEvents } from '../../src/server/db/schema'
import { makeCompany, t, TEST_PASSWORD, useTestApp } from '../support/app'
import { call, type Caller, expectBadInput, expectError } from '../support/api'

useTestApp()

const journal = async (who: Caller, query = '') => {
  const res = await call(t, who, 'GET', `/audit${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { count: number; items: AuditEntry[] }
}

describe('audit log ("Журнал")', () => {
  it('records sign-ins, wrong passwords, tokens, people, catalog changes and exports, with who and from where', async () => {
    const co = await makeCompany(t)
    const login = (password: string) => call(t, null, 'POST', '/auth/login', { email: co.operator.email, password })
    expect((await login('wrong-password')).statusCode).toBe(401)
    expect((await login(TEST_PASSWORD)).statusCode).toBe(200)
    const token = (await call(t, co.admin, 'POST', '/auth/api-tokens', { name: 'CRM', ttlDays: 90 })).json() as {
      id: string
    }
    await call(t, co.admin, 'DELETE', `/auth/api-tokens/${token.id}`)
    await call(t, co.admin, 'PATCH', `/users/${co.operator.id}`, { role: 'supervisor' })
    await call(t, co.admin, 'POST', '/clients/attributes', { name: 'Город' })
    await call(t, co.admin, 'POST', '/clients/tags', { name: 'ВИП' })
    expect((await call(t, co.supervisor, 'GET', '/clients/export.csv?keyword=Иван')).statusCode).toBe(200)

    const { items, count } = await journal(co.admin)
    expect(count).toBe(8)
    expect(items.map((e) => [e.action, e.actorName, e.summary])).toEqual([
      ['export', co.supervisor.name, 'Экспорт клиентов в CSV, фильтры: keyword=Иван'],
      ['catalog.changed', co.admin.name, 'Тег клиента «ВИП»: создан'],
      ['catalog.changed', co.admin.name, 'Параметр «Город»: создан'],
      ['user.updated', co.admin.name, `${co.operator.name} (${co.operator.email}): роль: Руководитель`],
      ['api-token.revoked', co.admin.name, 'API-токен «CRM»'],
      ['api-token.issued', co.admin.name, 'API-токен «CRM», на 90 дн.'],
      ['sign-in', co.operator.name, `Вход ${co.operator.email}`],
      ['sign-in.failed', co.operator.name, `Неверный пароль для ${co.operator.email}`],
    ])
    expect(items[0]).toMatchObject({ actor: { id: co.supervisor.id }, address: '127.0.0.1' })
  })

  it('filters by action, person and time, pages, and is for admins of the company only', async () => {
    const co = await makeCompany(t)
    const other = await makeCompany(t)
    for (const name of ['Первый', 'Второй', 'Третий']) await call(t, co.admin, 'POST', '/clients/attributes', { name })
    await call(t, other.admin, 'POST', '/clients/attributes', { name: 'Чужой' })
    await call(t, co.admin, 'POST', '/auth/api-tokens', { name: 'Swagger' })

    expect((await journal(co.admin, '?action=catalog.changed')).count).toBe(3)
    expect((await journal(co.admin, `?actorId=${co.admin.id}&limit=2`)).items).toHaveLength(2)
    expect(
      (await journal(co.admin, `?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).count,
    ).toBe(0)
    expect((await journal(co.admin)).items.map((e) => e.summary)).not.toContain('Параметр «Чужой»: создан')
    expectBadInput(await call(t, co.admin, 'GET', '/audit?action=everything'), 'querystring.action')
    expectError(await call(t, co.supervisor, 'GET', '/audit'), 403)
  })

  it('keeps 180 days: older entries go with the next sign-in', async () => {
    const co = await makeCompany(t)
    await t.db.insert(auditEvents).values({
      companyId: co.company.id,
      action: 'export',
      summary: 'давний экспорт',
      at: sql`now() - interval '181 days'`,
    })
    expect((await journal(co.admin)).count).toBe(1)
    expect(
      (await call(t, null, 'POST', '/auth/login', { email: co.admin.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200)
    expect((await journal(co.admin)).items.map((e) => e.summary)).toEqual([`Вход ${co.admin.email}`])
  })
})
