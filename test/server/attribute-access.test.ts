import { describe, expect, it } from 'vitest'
import type { Attribute, ClientAttribute } from '@shared/attributes'
import type { ClientHistoryItem } from '@shared/client-history'

type ClientHistory = { count: number; items: ClientHistoryItem[] }
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const attribute = async (c: TestCompany, body: Record<string, unknown>) => {
  const res = await call(t, c.admin, 'POST', '/clients/attributes', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as Attribute
}
const card = async (who: TestCompany['admin'], clientId: string) =>
  ((await call(t, who, 'GET', `/clients/${clientId}/attributes`)).json() as { items: ClientAttribute[] }).items
const panel = (who: TestCompany['admin']) => ({ auth: { ...who.auth, 'x-kartoteka-client': 'panel' } })

describe('who sees and who changes a parameter', () => {
  it('hides a parameter from the roles it is not shown to: card, catalog, history, filters and export', async () => {
    const c = await makeCompany(t)
    const secret = await attribute(c, { name: 'Кредитный лимит', type: 'number', visibleTo: ['supervisor'] })
    expect(secret.visibleTo.sort()).toEqual(['admin', 'supervisor'])
    const client = await cards(t, c).client({ name: 'Анна' })
    await cards(t, c).set(client.id, secret.id, '50000', c.supervisor)

    expect((await card(c.supervisor, client.id)).map((a) => a.name)).toContain('Кредитный лимит')
    expect((await card(c.operator, client.id)).map((a) => a.name)).not.toContain('Кредитный лимит')
    const catalog = (await call(t, c.operator, 'GET', '/clients/attributes')).json() as { items: Attribute[] }
    expect(catalog.items.map((a) => a.id)).not.toContain(secret.id)
    const history = (await call(t, c.operator, 'GET', `/clients/${client.id}/history`)).json() as ClientHistory
    expect(history).toMatchObject({ count: 0, items: [] })
    expectBadInput(await call(t, c.operator, 'GET', `/clients?attr.${secret.id}=*`), `querystring.attr.${secret.id}`)
    expectBadInput(await call(t, c.operator, 'GET', `/clients?attributeId=${secret.id}`), 'querystring.attributeId')
    await call(t, c.admin, 'PATCH', '/company', { operatorsExport: true })
    const operatorsFile = await call(t, c.operator, 'GET', '/clients/export.csv')
    expect(operatorsFile.statusCode).toBe(200)
    expect(operatorsFile.body).not.toContain('Кредитный лимит')
    expect((await call(t, c.supervisor, 'GET', '/clients/export.csv')).body).toContain('Кредитный лимит')
    expectError(await call(t, c.operator, 'POST', `/clients/${client.id}/attributes/${secret.id}`, { value: '1' }), 404)
    expectError(await call(t, c.operator, 'GET', `/clients/${client.id}/attributes/${secret.id}/history`), 404)
  })

  it('lets only the named roles change a value, with a 403 that names the rule, and refuses hiding it from its only editors', async () => {
    const c = await makeCompany(t)
    const level = await attribute(c, {
      name: 'Уровень риска',
      type: 'select',
      options: ['Низкий', 'Высокий'],
      editableBy: 'supervisor',
    })
    const client = await cards(t, c).client({ name: 'Борис' })
    const refused = expectError(
      await call(t, c.operator, 'POST', `/clients/${client.id}/attributes/${level.id}`, { value: 'Высокий' }),
      403,
    )
    expect(refused.error).toBe('«Уровень риска» меняют руководители и администраторы')
    expect((await card(c.operator, client.id)).find((a) => a.id === level.id)).toMatchObject({
      canEdit: false,
      editableBy: 'supervisor',
    })
    expect(
      (await call(t, c.supervisor, 'POST', `/clients/${client.id}/attributes/${level.id}`, { value: 'Высокий' }))
        .statusCode,
    ).toBe(200)
    const vip = await attribute(c, { name: 'Персональный менеджер', editableBy: 'admin' })
    expectBadInput(
      await call(t, c.supervisor, 'POST', '/clients/bulk', { filter: {}, setAttributes: { [vip.id]: 'Ольга' } }),
      `body.setAttributes.${vip.id}`,
    )

    expectBadInput(
      await call(t, c.admin, 'POST', '/clients/attributes', {
        name: 'Скрытый',
        editableBy: 'supervisor',
        visibleTo: ['operator'],
      }),
      'body.visibleTo',
    )
    expectBadInput(
      await call(t, c.admin, 'PATCH', `/clients/attributes/${level.id}`, { visibleTo: ['operator'] }),
      'body.visibleTo',
    )
  })

  it('asks the panel to confirm changing a value an integration owns, and records it as an override', async () => {
    const c = await makeCompany(t)
    const score = await attribute(c, { name: 'Скоринг', type: 'number', editableBy: 'api' })
    const client = await cards(t, c).client({ name: 'Вера' })
    expect(
      (await call(t, c.admin, 'POST', `/clients/${client.id}/attributes/${score.id}`, { value: 700 })).statusCode,
    ).toBe(200)
    const asked = expectError(
      await call(t, panel(c.operator), 'POST', `/clients/${client.id}/attributes/${score.id}`, { value: 650 }),
      409,
    )
    expect(asked.details).toEqual([expect.objectContaining({ path: 'body.override' })])
    expect(
      (
        await call(t, panel(c.operator), 'POST', `/clients/${client.id}/attributes/${score.id}`, {
          value: 650,
          override: true,
        })
      ).statusCode,
    ).toBe(200)
    const history = (await call(t, c.supervisor, 'GET', `/clients/${client.id}/history`)).json() as ClientHistory
    expect(history.items.map((h) => h.source)).toEqual(['override', 'api'])
  })
})
