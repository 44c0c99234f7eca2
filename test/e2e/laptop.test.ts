import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signInAt, useServerAndBrowser } from '../support/e2e'

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

describeInBrowser('an operator on a laptop', () => {
  const e2e = useServerAndBrowser()

  it('works a dialogue at 1024×768 with the card beside the thread, and at 768 px one column at a time', async () => {
    const { url } = e2e.server
    const api = await apiLogin(url, 'admin@demo.test')
    // A new client, with the demo catalog (Согласие на рассылку, Дата рождения, ВИП-клиент) and an empty card.
    const { body: dialogue } = await api('/sessions', {
      method: 'POST',
      body: { client: { externalId: 'laptop-1', name: 'Новый Клиент' }, message: 'Здравствуйте' },
    })

    const page = await signInAt(e2e.browser, url, 1024)
    await page.goto(`${url}/dialogs/${dialogue.id}`)
    const thread = page.getByRole('log', { name: 'Сообщения' })
    await thread.waitFor()
    expect(await noSideScroll(page)).toBe(true)
    // The list folds away: the thread keeps its room beside the card, and the actions stay in sight.
    expect(await page.getByRole('list', { name: 'Диалоги' }).isVisible()).toBe(false)
    expect((await thread.boundingBox())!.width).toBeGreaterThanOrEqual(420)
    for (const action of ['Передать', 'Закрыть диалог'])
      await expect.poll(() => page.getByRole('button', { name: action }).isVisible()).toBe(true)
    const beside = page.getByRole('complementary', { name: 'Карточка клиента' })
    await beside.getByRole('button', { name: 'Добавить параметр' }).waitFor()
    const [threadBox, cardBox] = [(await thread.boundingBox())!, (await beside.boundingBox())!]
    expect(cardBox.x).toBeGreaterThanOrEqual(threadBox.x + threadBox.width - 1)

    await page.getByRole('textbox', { name: 'Ответ клиенту' }).fill('Сейчас посмотрю')
    await page.keyboard.press('Enter')
    await thread.getByText('Сейчас посмотрю').waitFor()

    // The card's keys work beside the thread too.
    await page.keyboard.press('Alt+KeyG')
    await page.getByRole('combobox', { name: 'Найти параметр' }).fill('согл')
    await page.keyboard.press('Enter')
    const consent = beside.getByRole('switch', { name: 'Согласие на рассылку' })
    await consent.click()
    await expect.poll(() => consent.getAttribute('aria-checked')).toBe('true')
    await beside.getByRole('button', { name: 'Дата рождения: не заполнено' }).click()
    await beside.getByRole('textbox', { name: 'Дата рождения' }).fill('15.03.1990')
    await page.keyboard.press('Enter')
    await beside.getByRole('button', { name: 'Дата рождения: 15 марта 1990' }).waitFor()
    // A client tag by keyboard alone.
    await page.keyboard.press('Alt+KeyR')
    await page.keyboard.type('ВИП')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
    await beside.getByRole('list', { name: 'Теги клиента' }).getByText('ВИП-клиент').waitFor()
    await expect
      .poll(async () =>
        (await api(`/clients/${dialogue.clientId}/attributes`)).body.items
          .filter((a: { value: string | null }) => a.value !== null)
          .map((a: { value: string }) => a.value)
          .sort(),
      )
      .toEqual(['1990-03-15', 'true'])
    // The way back to the list, then into the dialogue again.
    await page.getByRole('link', { name: 'К списку диалогов' }).click()
    await page.getByRole('list', { name: 'Диалоги' }).waitFor()
    await page.goto(`${url}/dialogs/${dialogue.id}`)
    await thread.waitFor()

    // 768 px: the list, then the dialogue with a way back, then its card.
    await page.setViewportSize({ width: 768, height: 768 })
    expect(await noSideScroll(page)).toBe(true)
    const card = page.getByRole('dialog', { name: 'Карточка клиента' })
    expect(await page.getByRole('list', { name: 'Диалоги' }).isVisible()).toBe(false)
    await page.getByRole('textbox', { name: 'Ответ клиенту' }).fill('И ещё одно')
    await page.keyboard.press('Enter')
    await thread.getByText('И ещё одно').waitFor()
    await page.getByRole('button', { name: 'О клиенте' }).click()
    await card.getByRole('button', { name: 'Дата рождения: 15 марта 1990' }).waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('link', { name: 'К списку диалогов' }).click()
    await page.getByRole('list', { name: 'Диалоги' }).waitFor()
    expect(await noSideScroll(page)).toBe(true)
  })
})
