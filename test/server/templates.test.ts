import { describe, expect, it } from 'vitest'
import type { Rendered, Template } from '@shared/templates'
import { c, other, t, useTestApp } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const make = async (body: Record<string, unknown>, who = c.supervisor) => {
  const res = await call(t, who, 'POST', '/templates', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as Template
}
const render = async (sessionId: string, templateId: string, who = c.operator) => {
  const res = await call(t, who, 'POST', `/sessions/${sessionId}/templates/${templateId}/render`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as Rendered
}
const uniq = () => Math.random().toString(36).slice(2, 8)
let n = 0
const dialogue = (name = 'Петрова Анна') => startDialogue(t, c.operator, { externalId: `tpl-${++n}-${uniq()}`, name })

describe('reply templates', () => {
  it("render the client's card: names, formatted values, fallbacks and gaps, with nothing re-expanded", async () => {
    const card = cards(t, c)
    const city = await card.attribute({ name: `Город ${uniq()}` })
    const born = await card.attribute({ name: `Дата рождения ${uniq()}`, type: 'date' })
    const limit = await card.attribute({ name: `Лимит ${uniq()}`, type: 'number' })
    const vip = await card.attribute({ name: `Постоянный ${uniq()}`, type: 'boolean' })
    const template = await make({
      name: 'Доставка',
      code: `/дост-${uniq()}`,
      body:
        `Здравствуйте, {{client.firstName}}! Доставим в {{param.${city.name}}} ({{param.${city.name} | "ваш город"}}). ` +
        `Родились {{param.${born.name}}}, лимит {{param.${limit.name}}}, постоянный: {{param.${vip.name}}}. ` +
        `{{operator.name}}, {{company.name}}`,
    })
    expect(template.body).toContain(`{{param.${city.name} | "ваш город"}}`)
    const session = await dialogue()
    await card.set(session.client.id, born.id, '15.03.1990')
    await card.set(session.client.id, limit.id, '1500,5')
    await card.set(session.client.id, vip.id, 'true')

    const empty = await render(session.id, template.id)
    expect(empty.text).toMatch(
      /^Здравствуйте, Анна! Доставим в \[Город \w+\] \(ваш город\)\. Родились 15\.03\.1990, лимит 1500,5, постоянный: да\./,
    )
    expect(empty.missing).toEqual([expect.objectContaining({ attributeId: city.id, name: city.name, editable: true })])

    // A client's value is text: HTML and braces in it are neither expanded nor interpreted.
    await card.set(session.client.id, city.id, '<b>Самара</b> {{client.name}}')
    const filled = await render(session.id, template.id)
    expect(filled.text).toContain('Доставим в <b>Самара</b> {{client.name}} (<b>Самара</b> {{client.name}})')
    expect(filled.missing).toEqual([])
  })

  it("preview a text being written for a client of one's own company only", async () => {
    const session = await dialogue('Сидоров Иван')
    const preview = (body: string, clientId = session.client.id, who = c.operator) =>
      call(t, who, 'POST', '/templates/preview', { body, clientId })
    const ok = await preview('Добрый день, {{client.firstName}} ({{operator.name}})')
    expect(ok.json()).toMatchObject({ text: expect.stringMatching(/^Добрый день, Иван \(.+\)$/), missing: [] })
    expectBadInput(await preview('{{client.age}}'), 'body.body')
    expectError(await preview('Привет', session.client.id, other.operator), 404)
  })

  it('keep working when a parameter is renamed, and flag one archived since', async () => {
    const card = cards(t, c)
    const city = await card.attribute({ name: `Город ${uniq()}` })
    const template = await make({ name: 'Город', code: `/город-${uniq()}`, body: `Вы из {{param.${city.name}}}?` })
    const renamed = `Населённый пункт ${uniq()}`
    expect((await call(t, c.admin, 'PATCH', `/clients/attributes/${city.id}`, { name: renamed })).statusCode).toBe(200)
    const session = await dialogue()
    await card.set(session.client.id, city.id, 'Казань')
    expect((await render(session.id, template.id)).text).toBe('Вы из Казань?')
    expect(((await call(t, c.operator, 'GET', `/templates/${template.id}`)).json() as Template).body).toBe(
      `Вы из {{param.${renamed}}}?`,
    )

    await call(t, c.admin, 'PATCH', `/clients/attributes/${city.id}`, { archived: true })
    const listed = (await call(t, c.operator, 'GET', '/templates?sort=name')).json() as { items: Template[] }
    expect(listed.items.find((x) => x.id === template.id)!.problems).toEqual([`Параметр «${renamed}» в архиве`])
    const archived = await render(session.id, template.id)
    expect(archived.missing).toEqual([expect.objectContaining({ attributeId: city.id, editable: false })])
  })

  it('are shared by supervisors and admins or personal, with codes that do not repeat', async () => {
    const code = `/оплата-${uniq()}`
    expectError(await call(t, c.operator, 'POST', '/templates', { name: 'Общий', code, body: 'Текст' }), 403)
    const mine = await make({ name: 'Мой', code, body: 'Мой текст', personal: true }, c.operator)
    expect(mine.personal).toBe(true)
    const seenBy = async (who: typeof c.operator) =>
      ((await call(t, who, 'GET', '/templates')).json() as { items: Template[] }).items.map((x) => x.id)
    expect(await seenBy(c.operator)).toContain(mine.id)
    expect(await seenBy(c.admin)).not.toContain(mine.id)
    expectError(await call(t, c.admin, 'PATCH', `/templates/${mine.id}`, { name: 'Чужой' }), 404)
    expectError(await call(t, other.admin, 'GET', `/templates/${mine.id}`), 404)

    const shared = await make({ name: 'Оплата', code: `/счёт-${uniq()}`, body: 'Счёт' })
    expectError(await call(t, c.operator, 'PATCH', `/templates/${shared.id}`, { name: 'Моё' }), 403)
    expectError(await call(t, c.operator, 'DELETE', `/templates/${shared.id}`), 403)
    // The operator's own code is theirs: the same one shared, or again their own, is a 409.
    const taken = await call(t, c.operator, 'POST', '/templates', { name: 'Ещё', code, body: 'x', personal: true })
    expectError(taken, 409)
    expectError(await call(t, c.supervisor, 'POST', '/templates', { name: 'Общий', code, body: 'x' }), 409)
    expectError(
      await call(t, c.supervisor, 'POST', '/templates', { name: 'Тот же', code: shared.code.toUpperCase(), body: 'x' }),
      409,
    )
  })

  it('refuse bad input with the reason, and keep nothing of it', async () => {
    const card = cards(t, c)
    const secret = await card.attribute({ name: `Доход ${uniq()}` })
    await call(t, c.admin, 'PATCH', `/clients/attributes/${secret.id}`, { visibleTo: ['supervisor'] })
    const count = async () => ((await call(t, c.supervisor, 'GET', '/templates')).json() as { items: [] }).items.length
    const before = await count()
    const bad = async (body: Record<string, unknown>, path: string, text?: string) => {
      const res = expectBadInput(
        await call(t, c.supervisor, 'POST', '/templates', { name: 'Плохой', code: `/плохой-${uniq()}`, ...body }),
        path,
      )
      if (text) expect(JSON.stringify(res)).toContain(text)
    }
    await bad({ body: 'Привет, {{client.nickname}}' }, 'body.body', 'client.nickname')
    await bad({ body: 'Из {{param.Нет такого}}' }, 'body.body', 'Нет такого')
    // A shared template is used by operators too: a parameter hidden from them is refused.
    await bad({ body: `Доход {{param.${secret.name}}}` }, 'body.body', secret.name)
    await bad({ body: 'x'.repeat(4001) }, 'body.body')
    await bad({ body: 'x', code: 'без слэша' }, 'body.code')
    await bad(
      { body: 'x', actions: { clientTagIds: ['00000000-0000-4000-8000-000000000000'] } },
      'body.actions.clientTagIds.0',
    )
    expect(await count()).toBe(before)
    const long = await make({ name: 'Длинный', code: `/длинный-${uniq()}`, body: 'я'.repeat(4000) })
    expect(long.body).toHaveLength(4000)
  })

  it('are offered only in their chats and to their groups; elsewhere rendering is a 403', async () => {
    const chat = (await call(t, c.admin, 'POST', '/chats', { name: `Telegram ${uniq()}` })).json() as { id: string }
    const template = await make({
      name: 'Только Telegram',
      code: `/тг-${uniq()}`,
      body: 'Пишите в Telegram',
      chatIds: [chat.id],
    })
    const elsewhere = await dialogue()
    const offered = async (sessionId: string) =>
      (
        (await call(t, c.operator, 'GET', `/templates?sessionId=${sessionId}`)).json() as { items: Template[] }
      ).items.map((x) => x.id)
    expect(await offered(elsewhere.id)).not.toContain(template.id)
    expectError(await call(t, c.operator, 'POST', `/sessions/${elsewhere.id}/templates/${template.id}/render`), 403)
    const there = (
      await call(t, c.operator, 'POST', `/chats/${chat.id}/sessions`, { clientName: 'Олег', messageBody: 'Привет' })
    ).json() as { id: string }
    expect(await offered(there.id)).toContain(template.id)
    expect((await render(there.id, template.id)).text).toBe('Пишите в Telegram')
  })

  it('write the gaps filled in and the macro through the card, count the use, and skip what the rules forbid', async () => {
    const card = cards(t, c)
    const city = await card.attribute({ name: `Город ${uniq()}` })
    const pay = await card.attribute({
      name: `Способ оплаты ${uniq()}`,
      type: 'select',
      options: ['карта', 'рассрочка'],
    })
    const limit = await card.attribute({ name: `Кредитный лимит ${uniq()}`, type: 'number' })
    await call(t, c.admin, 'PATCH', `/clients/attributes/${limit.id}`, { editableBy: 'supervisor' })
    const credit = await card.tag(`кредит ${uniq()}`)
    const template = await make({
      name: 'Оформить рассрочку',
      code: `/рассрочка-${uniq()}`,
      body: `Оформим рассрочку с доставкой в {{param.${city.name}}}.`,
      actions: {
        clientTagIds: [credit.id],
        values: [
          { attributeId: pay.id, value: 'рассрочка' },
          { attributeId: limit.id, value: '50000' },
        ],
      },
    })
    const session = await dialogue()
    const preview = await render(session.id, template.id)
    expect(preview.steps.map((s) => s.label)).toEqual([
      `Тег клиента «${credit.name}»`,
      `«${pay.name}» = рассрочка`,
      `«${limit.name}» = 50000`,
    ])

    const use = (values: { attributeId: string; value: string }[]) =>
      call(t, c.operator, 'POST', `/sessions/${session.id}/templates/${template.id}/use`, { values })
    // A bad value among those filled in: a 400 naming it, and nothing written or counted.
    const refused = expectBadInput(
      await use([
        { attributeId: city.id, value: 'Самара' },
        { attributeId: pay.id, value: 'наличные' },
      ]),
      'body.values.1.value',
    )
    expect(JSON.stringify(refused)).toContain(pay.name)
    const untouched = (await call(t, c.operator, 'GET', `/clients/${session.client.id}/attributes`)).json()
    expect(untouched.items.find((v: { id: string }) => v.id === city.id).value).toBeNull()
    expect((await call(t, c.operator, 'GET', `/clients/${session.client.id}/tags`)).json().items).toEqual([])

    const used = await use([{ attributeId: city.id, value: 'Самара' }])
    expect(used.statusCode, used.body).toBe(200)
    const result = used.json() as Rendered
    expect(result.text).toBe('Оформим рассрочку с доставкой в Самара.')
    expect(result.steps).toEqual([
      { label: `Тег клиента «${credit.name}»`, skipped: null },
      { label: `«${pay.name}» = рассрочка`, skipped: null },
      { label: `«${limit.name}» = 50000`, skipped: expect.stringContaining('') },
    ])
    expect(result.steps[2]!.skipped).not.toBeNull()

    const history = (
      await call(t, c.operator, 'GET', `/clients/${session.client.id}/attributes/${city.id}/history`)
    ).json()
    expect(history.items[0]).toMatchObject({ newValue: 'Самара', source: 'template' })
    const values = (await call(t, c.operator, 'GET', `/clients/${session.client.id}/attributes`)).json()
    expect(values.items.find((v: { id: string }) => v.id === pay.id).value).toBe('рассрочка')
    expect(values.items.find((v: { id: string }) => v.id === limit.id).value).toBeNull()
    const tagsNow = (await call(t, c.operator, 'GET', `/clients/${session.client.id}/tags`)).json()
    expect(tagsNow.items.map((x: { id: string }) => x.id)).toEqual([credit.id])

    const listed = ((await call(t, c.operator, 'GET', '/templates?sort=-usage')).json() as { items: Template[] }).items
    expect(listed.find((x) => x.id === template.id)).toMatchObject({ usage: 1, myUsage: 1 })
    const usage = (await call(t, c.supervisor, 'GET', '/templates/usage')).json()
    expect(usage.items.find((x: { id: string }) => x.id === template.id).byOperator).toEqual([
      { userId: c.operator.id, name: expect.any(String), count: 1 },
    ])
    expectError(await call(t, c.operator, 'GET', '/templates/usage'), 403)
  })
})
