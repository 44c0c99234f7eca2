import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { setBaseUrl } from '@/lib/auth-store'
import { baseUrl, renderApp } from '../support/web-render'
import { card, historyOf, scene, setValue, valueOf } from './attributes-scene'

describe('"О клиенте": failed saves, conflicts and live changes', () => {
  it('keeps the typed value with the error and "Повторить" when the service cannot be reached', async () => {
    const {
      c,
      ids: [hobby],
      clientId,
      sessionId,
    } = await scene([{ name: 'Увлечение', pinned: true }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Увлечение: не заполнено' }))
    await user.type(within(aside).getByRole('textbox', { name: 'Увлечение' }), 'рыбалка')
    // The connection drops: requests go to a port nobody listens on.
    setBaseUrl('http://127.0.0.1:9/api/v1')
    await user.keyboard('{Enter}')

    const input = await within(aside).findByRole('textbox', { name: 'Увлечение' })
    const row = input.closest('li')!
    expect(await within(row).findByRole('alert')).toHaveTextContent('Нет связи с сервером')
    expect(input).toHaveValue('рыбалка')
    expect(input).toHaveAccessibleDescription(/Нет связи с сервером/)
    setBaseUrl(baseUrl)
    await user.click(within(row).getByRole('button', { name: 'Повторить' }))
    expect(await within(aside).findByRole('button', { name: 'Увлечение: рыбалка' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, hobby!)).value).toBe('рыбалка'))
  })

  it('on a conflict shows both values, and "Оставить моё" keeps the operator’s', async () => {
    const {
      c,
      ids: [hobby],
      clientId,
      sessionId,
    } = await scene([{ name: 'Увлечение' }])
    await setValue(c.admin, clientId, hobby!, 'шахматы')
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await screen.findByText('Обновления в реальном времени')
    await user.click(await within(aside).findByRole('button', { name: 'Увлечение: шахматы' }))
    const input = within(aside).getByRole('textbox', { name: 'Увлечение' })
    await user.clear(input)
    await user.type(input, 'рыбалка')

    // Someone else saves meanwhile: the card hears of it, but the operator's text stays as typed.
    await setValue(c.admin, clientId, hobby!, 'футбол')
    expect(await within(aside).findByText('Значение изменилось: футбол')).toBeInTheDocument()
    expect(input).toHaveValue('рыбалка')
    await user.keyboard('{Enter}')

    const conflict = await within(aside).findByRole('alert')
    expect(conflict).toHaveTextContent('Ваше значение: рыбалка')
    expect(conflict).toHaveTextContent(new RegExp(`Сейчас сохранено \\(${c.admin.name}, .+\\): футбол`))
    await user.click(within(conflict).getByRole('button', { name: 'Оставить моё' }))
    expect(await within(aside).findByRole('button', { name: 'Увлечение: рыбалка' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, hobby!)).value).toBe('рыбалка'))
    const history = await historyOf(c.admin, clientId, hobby!)
    expect(history.items.map((h) => h.newValue)).toEqual(['рыбалка', 'футбол', 'шахматы'])
  })

  it('"Взять новое" drops the operator’s text for the saved value', async () => {
    const {
      c,
      ids: [city],
      clientId,
      sessionId,
    } = await scene([{ name: 'Город', pinned: true }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Город: не заполнено' }))
    await user.type(within(aside).getByRole('textbox', { name: 'Город' }), 'Москва')
    await setValue(c.admin, clientId, city!, 'Казань')
    await user.keyboard('{Enter}')
    await user.click(
      await within(await within(aside).findByRole('alert')).findByRole('button', { name: 'Взять новое' }),
    )
    expect(await within(aside).findByRole('button', { name: 'Город: Казань' })).toBeInTheDocument()
    expect((await valueOf(c.operator, clientId, city!)).value).toBe('Казань')
  })

  it('shows a value changed through the API without a reload, and marks it', async () => {
    const {
      c,
      ids: [city],
      clientId,
    } = await scene([{ name: 'Город', pinned: true }, { name: 'Увлечение' }])
    renderApp(`/clients/${clientId}`, { as: c.operator })
    const aside = await card()
    await within(aside).findByRole('button', { name: 'Город: не заполнено' })
    await screen.findByText('Обновления в реальном времени')

    await setValue(c.admin, clientId, city!, 'Казань')
    const row = (await within(aside).findByRole('button', { name: 'Город: Казань' })).closest('li')!
    expect(row).toHaveTextContent('изменено')
  })

  it('after its own save the card asks for its values no more; another operator’s change still arrives', async () => {
    const {
      c,
      ids: [city, hobby],
      clientId,
    } = await scene([
      { name: 'Город', pinned: true },
      { name: 'Увлечение', pinned: true },
    ])
    const { user } = renderApp(`/clients/${clientId}`, { as: c.operator })
    const aside = await card()
    await within(aside).findByRole('button', { name: 'Город: не заполнено' })
    await screen.findByText('Обновления в реальном времени')
    // Every request the panel sends, passed through unchanged.
    const realFetch = globalThis.fetch
    const cardReads: string[] = []
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      if (url.includes(`/clients/${clientId}/attributes?`) || url.endsWith(`/clients/${clientId}/attributes`))
        cardReads.push(url)
      return realFetch(input, init)
    })
    try {
      await user.click(within(aside).getByRole('button', { name: 'Город: не заполнено' }))
      await user.type(within(aside).getByRole('textbox', { name: 'Город' }), 'Самара{Enter}')
      expect(await within(aside).findByRole('button', { name: 'Город: Самара' })).toBeInTheDocument()
      // The stream delivers in order: once the admin's change shows, the save's own event has come and gone.
      await setValue(c.admin, clientId, hobby!, 'шахматы')
      expect(await within(aside).findByRole('button', { name: 'Увлечение: шахматы' })).toBeInTheDocument()
      expect(cardReads).toHaveLength(1)
    } finally {
      spy.mockRestore()
    }
    expect((await valueOf(c.operator, clientId, city!)).value).toBe('Самара')
  })
})
