import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../support/web-render'
import { card, scene, setValue, valueOf } from './attributes-scene'

describe('"О клиенте": each type edits in place', () => {
  it('shows a switch at once for a yes/no parameter picked from "+ Параметр"; a click saves', async () => {
    const {
      c,
      ids: [consent],
      clientId,
      sessionId,
    } = await scene([{ name: 'Согласие на рассылку', type: 'boolean' }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Добавить параметр' }))
    await user.type(await screen.findByRole('combobox', { name: 'Найти параметр' }), 'согл{Enter}')
    const toggle = await within(aside).findByRole('switch', { name: 'Согласие на рассылку' })
    await waitFor(() => expect(toggle).toHaveFocus())
    expect(within(aside).queryByRole('textbox', { name: 'Согласие на рассылку' })).not.toBeInTheDocument()
    await user.click(toggle)
    await waitFor(async () => expect((await valueOf(c.operator, clientId, consent!)).value).toBe('true'))
  })

  it('takes a date typed the Russian way and keeps an impossible one in the field with the reason', async () => {
    const {
      c,
      ids: [born],
      clientId,
      sessionId,
    } = await scene([{ name: 'Дата рождения', type: 'date', pinned: true }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Дата рождения: не заполнено' }))
    const input = within(aside).getByRole('textbox', { name: 'Дата рождения' })
    expect(input).toHaveAttribute('placeholder', 'ДД.ММ.ГГГГ')
    await user.type(input, '31.02.2024{Enter}')
    expect(await within(aside).findByText('Такой даты нет в календаре: 31.02.2024')).toBeInTheDocument()
    expect(input).toHaveValue('31.02.2024')
    await user.clear(input)
    await user.type(input, '15031990{Enter}')
    expect(await within(aside).findByRole('button', { name: 'Дата рождения: 15 марта 1990' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, born!)).value).toBe('1990-03-15'))
    // Opened again, it reads as typed.
    await user.click(within(aside).getByRole('button', { name: 'Дата рождения: 15 марта 1990' }))
    expect(within(aside).getByRole('textbox', { name: 'Дата рождения' })).toHaveValue('15.03.1990')
  })

  it('picks a date in a Russian calendar that starts on Monday', async () => {
    const {
      c,
      ids: [visit],
      clientId,
      sessionId,
    } = await scene([{ name: 'Визит', type: 'date', pinned: true }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Визит: не заполнено' }))
    await user.type(within(aside).getByRole('textbox', { name: 'Визит' }), '01.06.2026')
    await user.click(within(aside).getByRole('button', { name: 'Календарь: Визит' }))
    const calendar = await screen.findByRole('dialog', { name: 'Календарь: Визит' })
    const weekdays = within(calendar)
      .getAllByRole('columnheader', { hidden: true })
      .map((th) => th.getAttribute('aria-label'))
    expect(weekdays[0]).toBe('понедельник')
    await user.click(within(calendar).getByRole('button', { name: /10 июня 2026/ }))
    expect(await within(aside).findByRole('button', { name: 'Визит: 10 июня 2026' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, visit!)).value).toBe('2026-06-10'))
  })

  it('takes a number with a decimal comma and shows it with one; refuses 35,5,1 and a phone with letters', async () => {
    const {
      c,
      ids: [size, phone],
      clientId,
      sessionId,
    } = await scene([
      { name: 'Размер', type: 'number', pinned: true },
      { name: 'Телефон для связи', type: 'phone', pinned: true },
    ])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Размер: не заполнено' }))
    const input = within(aside).getByRole('textbox', { name: 'Размер' })
    await user.type(input, '35,5,1{Enter}')
    expect(await within(aside).findByText(/Ожидается число/)).toBeInTheDocument()
    expect(input).toHaveValue('35,5,1')
    await user.clear(input)
    await user.type(input, '35,5{Enter}')
    expect(await within(aside).findByRole('button', { name: 'Размер: 35,5' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, size!)).value).toBe('35.5'))

    await user.click(within(aside).getByRole('button', { name: 'Телефон для связи: не заполнено' }))
    const tel = within(aside).getByRole('textbox', { name: 'Телефон для связи' })
    await user.type(tel, '8 916 abc{Enter}')
    expect(await within(aside).findByText(/Некорректный телефон/)).toBeInTheDocument()
    await user.clear(tel)
    await user.type(tel, '8 (916) 123 45 67{Enter}')
    expect(await within(aside).findByRole('link', { name: '8 (916) 123-45-67' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, phone!)).value).toBe('+79161234567'))
  })

  it('shows a link by its host and path, enough to tell two profiles apart, and a long one shortened in the middle', async () => {
    const {
      c,
      ids: [vk, site],
      clientId,
      sessionId,
    } = await scene([
      { name: 'ВКонтакте', type: 'link', pinned: true },
      { name: 'Сайт', type: 'link', pinned: true },
    ])
    await setValue(c.operator, clientId, vk!, 'https://vk.com/pavlov_p')
    await setValue(c.operator, clientId, site!, 'https://www.example.ru/catalog/shoes/winter/boots-and-more?page=2')
    renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    expect(await within(aside).findByRole('link', { name: 'vk.com/pavlov_p' })).toHaveAttribute(
      'href',
      'https://vk.com/pavlov_p',
    )
    const long = within(aside).getByRole('link', { name: /^example\.ru\/catalog.*….*page=2$/ })
    expect(long.textContent!.length).toBeLessThanOrEqual(32)
    expect(long).toHaveAttribute('title', 'https://www.example.ru/catalog/shoes/winter/boots-and-more?page=2')
  })
})
