import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('notes on clients and dialogues, in Chromium', () => {
  const e2e = useServerAndBrowser()

  it("an operator leaves a client note and a dialogue note; in the client's next dialogue another operator sees only the first", async () => {
    const api = await apiLogin(e2e.server.url, 'admin@demo.test')
    const first = (
      await api('/sessions', {
        method: 'POST',
        body: { client: { externalId: 'e2e-notes', name: 'Лев Орлов' }, message: 'Добрый день' },
      })
    ).body as { id: string }

    const page = await signIn(e2e.browser, e2e.server.url, 'operator@demo.test')
    await page.goto(`${e2e.server.url}/dialogs/${first.id}`)
    const notes = page.getByRole('region', { name: 'Заметки' })
    const save = async (text: string) => {
      await notes.getByRole('textbox', { name: 'Новая заметка' }).fill(text)
      const [posted] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/comments') && r.request().method() === 'POST'),
        notes.getByRole('button', { name: 'Сохранить заметку' }).click(),
      ])
      expect(posted.status()).toBe(201)
    }
    await save('Предпочитает Telegram')
    await notes.getByRole('list', { name: 'О клиенте' }).getByText('Предпочитает Telegram').waitFor()
    await notes.getByRole('radio', { name: 'об этом диалоге' }).check()
    await save('Обещали перезвонить в пятницу')
    await notes.getByRole('list', { name: 'Об этом диалоге' }).getByText('Обещали перезвонить в пятницу').waitFor()

    expect((await api(`/sessions/${first.id}`, { method: 'DELETE', body: { force: true } })).status).toBe(200)
    const next = (
      await api('/sessions', { method: 'POST', body: { client: { externalId: 'e2e-notes' }, message: 'Снова я' } })
    ).body as { id: string }
    const other = await signIn(e2e.browser, e2e.server.url, 'operator2@demo.test')
    await other.goto(`${e2e.server.url}/dialogs/${next.id}`)
    const later = other.getByRole('region', { name: 'Заметки' })
    await later.getByRole('list', { name: 'О клиенте' }).getByText('Предпочитает Telegram').waitFor()
    expect(await later.getByText('Обещали перезвонить в пятницу').count()).toBe(0)
  })

  it('a supervisor opens «Качество карточек», clicks the emptiest parameter and lands on the clients without it', async () => {
    const page = await signIn(e2e.browser, e2e.server.url, 'supervisor@demo.test')
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: /Качество карточек/ })
      .click()
    const bars = page.getByRole('list', { name: 'Заполненность параметров' }).getByRole('link')
    await bars.first().waitFor()
    const lowest = (await bars.first().getAttribute('aria-label'))!.split(':')[0]!
    await bars.first().click()
    await page.waitForURL(/\/clients\?attr\./)
    await page.getByRole('list', { name: 'Фильтры' }).getByText(`${lowest} не заполнен`).waitFor()
    await page.getByRole('grid', { name: 'Клиенты' }).getByRole('row').nth(1).waitFor()
  })
})
