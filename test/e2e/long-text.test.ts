import type { Locator, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

// Text with no place to break: what a pasted link, an ID or a joke name looks like.
const longName = 'Павлов' + 'Павлович'.repeat(20)
const longTag = 'Постоянный' + 'клиент'.repeat(15)
const longValue = 'https://example.test/' + 'a'.repeat(180)

/** Nothing inside the element is wider than it: no sideways scroll, nothing pushed out of sight. */
const fitsSideways = (locator: Locator) => locator.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)
/** Neither the page nor its main area (which clips) is wider than the window. */
const noSideScroll = (page: Page) =>
  page.evaluate(() =>
    [document.documentElement, document.querySelector('main')!].every((el) => el.scrollWidth <= window.innerWidth),
  )
/** The element is on screen in full, not cut by the viewport. */
async function inView(page: Page, locator: Locator) {
  const box = await locator.boundingBox()
  return box !== null && box.x >= 0 && box.x + box.width <= page.viewportSize()!.width + 1
}

describeInBrowser('text of any length', () => {
  const e2e = useServerAndBrowser()

  it('wraps or cuts a 160-character name, tag and value with a tooltip, and keeps every button in view', async () => {
    const { url } = e2e.server
    const api = await apiLogin(url, 'admin@demo.test')
    const { body: dialogue } = await api('/sessions', {
      method: 'POST',
      body: { client: { externalId: 'long-1', name: longName }, message: 'Здравствуйте' },
    })
    const { body: tag, status } = await api('/clients/tags', { method: 'POST', body: { name: longTag, color: 'blue' } })
    expect(status, JSON.stringify(tag)).toBe(201)
    expect(
      (await api(`/clients/${dialogue.clientId}/tags/${tag.id}?sessionId=${dialogue.id}`, { method: 'PUT' })).status,
    ).toBe(200)
    const { body: attribute } = await api('/clients/attributes', {
      method: 'POST',
      body: { name: 'Заметка', type: 'text', pinned: true },
    })
    await api(`/clients/${dialogue.clientId}/attributes/${attribute.id}`, {
      method: 'POST',
      body: { value: longValue },
    })
    await api(`/clients/${dialogue.clientId}/attributes/${attribute.id}`, {
      method: 'POST',
      body: { value: longValue + 'b' },
    })

    const page = await signIn(e2e.browser, url, 'supervisor@demo.test')
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 800 })
      await page.goto(`${url}/dialogs/${dialogue.id}`)
      const thread = page.getByRole('log', { name: 'Сообщения' })
      await thread.getByText(`добавил тег клиента «${longTag}»`, { exact: false }).waitFor()
      expect(await noSideScroll(page)).toBe(true)
      expect(await fitsSideways(thread)).toBe(true)
      const heading = page.getByRole('heading', { name: longName, level: 2 })
      expect(await heading.getAttribute('title')).toBe(longName)
      for (const action of ['Передать', 'Закрыть диалог'])
        expect(await inView(page, page.getByRole('button', { name: action }))).toBe(true)

      if (width < 1024) await page.getByRole('button', { name: 'О клиенте' }).click()
      const card = page.getByRole('region', { name: 'О клиенте' })
      await card.getByText(longTag).waitFor()
      expect(await fitsSideways(card)).toBe(true)
      expect(await inView(page, card.getByRole('button', { name: 'Изменить имя, телефон и почту' }))).toBe(true)
      expect(await inView(page, card.getByRole('button', { name: 'История: Заметка' }))).toBe(true)
      expect(await card.getByText(longTag).getAttribute('title')).toMatch(new RegExp(`^${longTag} · добавил`))
      if (width < 1024) await page.keyboard.press('Escape')

      // The directory: one line per client, cut with the whole text on hover.
      await page.goto(`${url}/clients`)
      const grid = page.getByRole('grid', { name: 'Клиенты' })
      const name = grid.getByRole('link', { name: longName })
      await name.waitFor()
      expect(await name.getAttribute('title')).toBe(longName)
      expect(await noSideScroll(page)).toBe(true)
      expect(await inView(page, page.getByRole('button', { name: /^Экспорт/ }))).toBe(true)

      // The client page's history: chips and values wrap inside their entry.
      await page.goto(`${url}/clients/${dialogue.clientId}`)
      const history = page.getByRole('list', { name: 'История изменений' })
      await history.getByText(longTag).first().waitFor()
      expect(await noSideScroll(page)).toBe(true)
      expect(await fitsSideways(history)).toBe(true)
      expect(await inView(page, history.getByRole('button', { name: /^Вернуть/ }).first())).toBe(true)
    }
    await page.context().close()
  })

  it('shows a short name whole in the dialogue header at 1366 px, and the clients table to its last column', async () => {
    const { url } = e2e.server
    const api = await apiLogin(url, 'admin@demo.test')
    const { body: dialogue } = await api('/sessions', {
      method: 'POST',
      body: { client: { externalId: 'short-1', name: 'Павлов Павел' }, message: 'Добрый день' },
    })
    const page = await signIn(e2e.browser, url, 'operator@demo.test')
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.goto(`${url}/dialogs/${dialogue.id}`)
    const heading = page.getByRole('heading', { name: 'Павлов Павел', level: 2 })
    await heading.waitFor()
    expect(await heading.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)

    await page.goto(`${url}/clients`)
    const grid = page.getByRole('grid', { name: 'Клиенты' })
    const headers = grid.getByRole('columnheader')
    await headers.first().waitFor()
    expect(await inView(page, headers.last())).toBe(true)
    expect(await fitsSideways(grid)).toBe(true)
    await page.context().close()
  })
})
