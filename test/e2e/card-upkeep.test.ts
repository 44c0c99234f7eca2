import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('cards that keep themselves right, in Chromium', () => {
  const e2e = useServerAndBrowser()

  it('an operator accepts the phone the client wrote, then closes the dialogue after filling in «Результат обращения»', async () => {
    const api = await apiLogin(e2e.server.url, 'admin@demo.test')
    const started = await api('/sessions', {
      method: 'POST',
      body: { client: { externalId: 'e2e-upkeep', name: 'Пётр Новиков' }, message: 'Здравствуйте' },
    })
    expect(started.status).toBe(201)
    const session = started.body as { id: string; clientId: string }

    const page = await signIn(e2e.browser, e2e.server.url, 'operator@demo.test')
    await page.goto(`${e2e.server.url}/dialogs/${session.id}`)
    const card = page.getByRole('region', { name: 'О клиенте' })
    await card.getByText('Пётр Новиков').first().waitFor()

    await api(`/sessions/${session.id}/clients/messages`, {
      method: 'POST',
      body: { body: 'мой номер 8 916 123 45 67' },
    })
    const offers = page.getByRole('region', { name: 'Подсказки из диалога' })
    await offers.getByRole('button', { name: 'Принять: Телефон: 8 (916) 123-45-67?' }).click()
    await page.getByText('Телефон: сохранено из диалога').waitFor()
    await expect
      .poll(async () => ((await api(`/clients/${session.clientId}`)).body as { phone: string | null }).phone)
      .toBe('+79161234567')

    await page.getByRole('button', { name: 'Закрыть диалог' }).click()
    const ask = page.getByRole('dialog', { name: 'Перед закрытием заполните' })
    await ask.getByLabel('Результат обращения').selectOption('Решено')
    await ask.getByRole('button', { name: 'Заполнить и закрыть' }).click()
    await page.getByRole('log', { name: 'Сообщения' }).getByText('Диалог закрыт').waitFor()
    expect(((await api(`/sessions/${session.id}`)).body as { status: string }).status).toBe('closed')
  })

  it('a supervisor saves a filtered directory as a view for the company; it shows in the navigation with its count', async () => {
    const api = await apiLogin(e2e.server.url, 'supervisor@demo.test')
    const total = ((await api('/clients?keyword=Казань')).body as { count: number }).count
    const page = await signIn(e2e.browser, e2e.server.url, 'supervisor@demo.test')
    await page.goto(`${e2e.server.url}/clients?q=${encodeURIComponent('Казань')}`)
    await page.getByRole('grid', { name: 'Клиенты' }).getByRole('row').nth(1).waitFor()
    await page.getByRole('button', { name: 'Сохранить вид' }).click()
    const dialog = page.getByRole('dialog', { name: 'Сохранить вид' })
    await dialog.getByLabel('Название').fill('Из Казани')
    await dialog.getByRole('checkbox', { name: 'Для всей компании' }).check()
    await dialog.getByRole('button', { name: 'Сохранить' }).click()
    const view = page.getByRole('list', { name: 'Сохранённые виды' }).getByRole('link', { name: /Из Казани/ })
    await expect.poll(() => view.textContent()).toContain(String(total))
    const operator = await apiLogin(e2e.server.url, 'operator@demo.test')
    expect(((await operator('/views')).body as { items: { name: string }[] }).items.map((v) => v.name)).toContain(
      'Из Казани',
    )
  })

  it('an operator sees a supervisor-only parameter locked on the card and cannot change it', async () => {
    const admin = await apiLogin(e2e.server.url, 'admin@demo.test')
    const plan = ((await admin('/clients/attributes')).body as { items: { id: string; name: string }[] }).items.find(
      (a) => a.name === 'Город',
    )!
    expect(
      (await admin(`/clients/attributes/${plan.id}`, { method: 'PATCH', body: { editableBy: 'supervisor' } })).status,
    ).toBe(200)
    const session = (
      (await admin('/sessions?status=open&limit=1')).body as { items: { id: string; clientId: string }[] }
    ).items[0]!

    const page = await signIn(e2e.browser, e2e.server.url, 'operator@demo.test')
    await page.goto(`${e2e.server.url}/dialogs/${session.id}`)
    await page
      .getByRole('region', { name: 'О клиенте' })
      .getByRole('img', { name: 'Меняют руководители и администраторы' })
      .waitFor()
    const operator = await apiLogin(e2e.server.url, 'operator@demo.test')
    const refused = await operator(`/clients/${session.clientId}/attributes/${plan.id}`, {
      method: 'POST',
      body: { value: 'Казань' },
    })
    expect(refused.status).toBe(403)
    expect((refused.body as { error: string }).error).toBe('«Город» меняют руководители и администраторы')
  })
})
