import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, seriousAxeViolations, signInAt, useServerAndBrowser } from '../support/e2e'

describeInBrowser('accessibility of the new states (axe, WCAG 2.1 A and AA)', () => {
  const e2e = useServerAndBrowser()

  it('finds nothing serious in the drawer with a picker open, the undo toast, and «Ожидают» with «Взять»', async () => {
    const { url } = e2e.server
    const api = await apiLogin(url, 'admin@demo.test')
    const { body: dialogue } = await api('/sessions', {
      method: 'POST',
      body: { client: { externalId: 'axe-1', name: 'Ада Доступная' }, message: 'Здравствуйте' },
    })
    const page = await signInAt(e2e.browser, url, 768, 900)

    // The card as a drawer, with the client tags' picker open above it.
    await page.goto(`${url}/dialogs/${dialogue.id}`)
    await page.getByRole('button', { name: 'О клиенте' }).click()
    const drawer = page.getByRole('dialog', { name: 'Карточка клиента' })
    await drawer.getByRole('button', { name: 'Выбрать: теги клиента' }).click()
    await page.getByRole('dialog', { name: 'Теги клиента' }).waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')

    // A value cleared, and the toast that offers it back.
    await drawer.getByRole('button', { name: 'Дата рождения: не заполнено' }).click()
    await drawer.getByRole('textbox', { name: 'Дата рождения' }).fill('15.03.1990')
    await page.keyboard.press('Enter')
    await drawer.getByRole('button', { name: 'Очистить: Дата рождения' }).click()
    await page.getByText('Значение «Дата рождения» удалено').waitFor()
    // Measured once it has faded in: half-way, its colours are half-way too.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-sonner-toast]')].every((t) => getComputedStyle(t).opacity === '1'),
    )
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')

    // The waiting dialogues, and one of them open with «Взять».
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto(`${url}/dialogs/${dialogue.id}?status=waiting`)
    await page.getByRole('button', { name: 'Взять' }).waitFor()
    await page.getByRole('list', { name: 'Диалоги' }).getByText(/ждёт/).first().waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  })
})
