import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('an operator works a dialogue in Chromium', () => {
  const e2e = useServerAndBrowser()

  it('reads the thread, replies, keeps the reply after a reload and sees a client message live', async () => {
    const page = await signIn(e2e.browser, e2e.server.url, 'operator@demo.test')
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))

    // The demo's first dialogue: a client asking about a laptop on credit.
    const api = await apiLogin(e2e.server.url, 'admin@demo.test')
    const { body: list } = await api('/sessions?status=open&limit=1')
    const session = list.items[0]
    await page
      .getByRole('link', { name: new RegExp(session.client.name) })
      .first()
      .click()
    const thread = page.getByRole('log', { name: 'Сообщения' })
    await expect.poll(() => thread.textContent()).toContain(session.lastMessage.body)

    const reply = `Проверю наличие, минуту ${Date.now()}`
    await page.getByRole('textbox', { name: 'Ответ клиенту' }).fill(reply)
    await page.keyboard.press('Enter')
    await thread.getByText(reply).waitFor()

    await page.reload()
    await page.getByRole('log', { name: 'Сообщения' }).getByText(reply).waitFor()
    await page.getByText('Обновления в реальном времени').waitFor()

    const clientLine = 'А доставка в Казань есть?'
    const sent = await api(`/sessions/${session.id}/clients/messages`, { method: 'POST', body: { body: clientLine } })
    expect(sent.status).toBe(201)
    await page.getByRole('log', { name: 'Сообщения' }).getByText(clientLine).waitFor()
    await page.getByRole('list', { name: 'Диалоги' }).getByText(clientLine).waitFor()
    expect(errors).toEqual([])
  })

  it('keeps another company out of reach', async () => {
    const page = await signIn(e2e.browser, e2e.server.url, 'admin@other.test')
    const demo = await apiLogin(e2e.server.url, 'operator@demo.test')
    const { body } = await demo('/sessions?limit=1')
    await page.goto(`${e2e.server.url}/dialogs/${body.items[0].id}`)
    await page.getByText('Диалог не найден').waitFor()
  })
})
