import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, useServerAndBrowser } from '../support/e2e'

/** The element the browser would hit at the centre of this one: it must be the element itself (or inside it). */
const onTop = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect()
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      return hit !== null && (el === hit || el.contains(hit))
    })

describeInBrowser("the card's pickers on every screen", () => {
  const e2e = useServerAndBrowser()

  for (const [width, height] of [
    [1024, 768],
    [768, 1024],
    [390, 844],
  ] as const) {
    it(`open above whatever holds them at ${width}×${height}, and take a choice by mouse and by keyboard`, async () => {
      const { url } = e2e.server
      const api = await apiLogin(url, 'admin@demo.test')
      const { body: dialogue } = await api('/sessions', {
        method: 'POST',
        body: { client: { externalId: `pickers-${width}`, name: `Клиент ${width}` }, message: 'Здравствуйте' },
      })
      const page = await (await e2e.browser.newContext({ locale: 'ru-RU', viewport: { width, height } })).newPage()
      await page.goto(`${url}/`)
      await page.getByRole('textbox', { name: 'Почта' }).fill('operator@demo.test')
      await page.getByRole('textbox', { name: 'Пароль' }).fill('demo1234')
      await page.getByRole('button', { name: 'Войти', exact: true }).click()
      await page.getByRole('list', { name: 'Диалоги' }).waitFor()
      await page.goto(`${url}/dialogs/${dialogue.id}`)
      // From 1024 px the card stands beside the thread; narrower, it is a drawer over it.
      const card =
        width >= 1024
          ? page.getByRole('complementary', { name: 'Карточка клиента' })
          : page.getByRole('dialog', { name: 'Карточка клиента' })
      if (width < 1024) await page.getByRole('button', { name: 'О клиенте' }).click()

      // Client tags by mouse: the list opens above the drawer, and a click on an option lands.
      await card.getByRole('button', { name: 'Выбрать: теги клиента' }).click()
      const clientTags = page.getByRole('dialog', { name: 'Теги клиента' })
      await clientTags.waitFor()
      expect(await onTop(page, '[role="dialog"][aria-label="Теги клиента"]')).toBe(true)
      await clientTags.getByRole('option', { name: 'ВИП-клиент' }).click()
      await page.keyboard.press('Escape')
      await card.getByRole('list', { name: 'Теги клиента' }).getByText('ВИП-клиент').waitFor()
      // The card stays: Esc closed the list only.
      expect(await card.isVisible()).toBe(true)

      // Session tags by keyboard.
      await card.getByRole('button', { name: 'Выбрать: теги сессии' }).click()
      await page.keyboard.type('предоп')
      await page.keyboard.press('Enter')
      await page.keyboard.press('Escape')
      await card.getByRole('list', { name: 'Теги сессии' }).getByText('предоплата').waitFor()

      // «+ Параметр» by mouse, then the date by the calendar.
      await card.getByRole('button', { name: 'Добавить параметр' }).click()
      const picker = page.getByRole('dialog', { name: 'Добавить параметр' })
      await picker.waitFor()
      expect(await onTop(page, '[role="dialog"][aria-label="Добавить параметр"]')).toBe(true)
      await picker.getByRole('option', { name: /Согласие на рассылку/ }).click()
      await card.getByRole('switch', { name: 'Согласие на рассылку' }).waitFor()
      await card.getByRole('button', { name: 'Дата рождения: не заполнено' }).click()
      await card.getByRole('textbox', { name: 'Дата рождения' }).fill('10.05.1990')
      await card.getByRole('button', { name: 'Календарь: Дата рождения' }).click()
      const calendar = page.getByRole('dialog', { name: 'Календарь: Дата рождения' })
      await calendar.waitFor()
      expect(await onTop(page, '[role="dialog"][aria-label="Календарь: Дата рождения"]')).toBe(true)
      await calendar.getByRole('button', { name: /15/ }).first().click()
      await card.getByRole('button', { name: 'Дата рождения: 15 мая 1990' }).waitFor()

      // The value's history, by mouse.
      await card.getByRole('button', { name: 'История: Дата рождения' }).click()
      const history = page.getByRole('dialog', { name: 'История: Дата рождения' })
      await history.waitFor()
      expect(await onTop(page, '[role="dialog"][aria-label="История: Дата рождения"]')).toBe(true)
      await page.keyboard.press('Escape')

      await expect
        .poll(async () =>
          (await api(`/clients/${dialogue.clientId}/attributes`)).body.items
            .filter((a: { value: string | null }) => a.value !== null)
            .map((a: { value: string }) => a.value),
        )
        .toEqual(['1990-05-15'])
      await page.context().close()
    })
  }
})
