import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { baseUrl, login, newCompany, renderApp, startDialogue } from '../support/web-render'

describe('sign-in', () => {
  it('shows the service’s message for a wrong password', async () => {
    const c = await newCompany()
    const { user } = renderApp('/login')
    await user.type(await screen.findByLabelText('Почта'), c.operator.email)
    await user.type(screen.getByLabelText('Пароль'), 'wrong-password')
    await user.click(screen.getByRole('button', { name: 'Войти' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Неверная почта или пароль')
    expect(screen.getByLabelText('Почта')).toHaveValue(c.operator.email)
  })

  it('signs in and shows the company’s dialogues, the person and the role', async () => {
    const c = await newCompany()
    await startDialogue(c.admin, { externalId: 'anna', name: 'Анна Петрова' }, 'Здравствуйте, где мой заказ?')
    const { user } = renderApp('/login')
    await user.type(await screen.findByLabelText('Почта'), c.operator.email)
    await user.type(screen.getByLabelText('Пароль'), c.password)
    await user.click(screen.getByRole('button', { name: 'Войти' }))

    const list = await screen.findByRole('list', { name: 'Диалоги' })
    expect(await within(list).findByRole('link', { name: /Анна Петрова/ })).toHaveTextContent(
      'Здравствуйте, где мой заказ?',
    )
    expect(screen.getByText(c.operator.name)).toBeInTheDocument()
    expect(screen.getByText('Оператор')).toBeInTheDocument()
  })

  it('signs in with a pasted token and a base URL on the "Токен" tab', async () => {
    const c = await newCompany()
    const { user } = renderApp('/login')
    await user.click(await screen.findByRole('tab', { name: 'Токен' }))
    const url = screen.getByLabelText('Адрес API')
    await user.clear(url)
    await user.type(url, baseUrl)
    await user.type(screen.getByLabelText('Токен (JWT)'), 'not-a-token')
    await user.click(screen.getByRole('button', { name: 'Войти с токеном' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Токен недействителен')

    await user.clear(screen.getByLabelText('Токен (JWT)'))
    await user.type(screen.getByLabelText('Токен (JWT)'), c.admin.token)
    await user.click(screen.getByRole('button', { name: 'Войти с токеном' }))
    expect(await screen.findByText(c.admin.name)).toBeInTheDocument()
    expect(screen.getByText('Администратор')).toBeInTheDocument()
  })

  it('sends a person whose session ended to sign-in and back to the page they were on', async () => {
    const c = await newCompany()
    const { user } = renderApp('/clients', { session: { authToken: 'garbled.token.value', refreshToken: null } })
    expect(await screen.findByText(/Сессия закончилась/)).toBeInTheDocument()
    await user.type(screen.getByLabelText('Почта'), c.operator.email)
    await user.type(screen.getByLabelText('Пароль'), c.password)
    await user.click(screen.getByRole('button', { name: 'Войти' }))
    expect(await screen.findByRole('heading', { name: 'Клиенты' })).toBeInTheDocument()
  })

  it('refreshes an expired token without the person noticing', async () => {
    const c = await newCompany()
    await startDialogue(c.admin, { externalId: 'r1', name: 'Вера' }, 'Алло')
    const { refreshToken } = await login(c.operator, c.password)
    renderApp('/dialogs', { session: { authToken: c.operator.expiredToken, refreshToken } })
    expect(await screen.findByRole('link', { name: /Вера/ })).toBeInTheDocument()
    expect(await screen.findByText('Обновления в реальном времени')).toBeInTheDocument()
    const stored = JSON.parse(localStorage.getItem('kartoteka.auth') ?? '{}') as { authToken?: string }
    expect(stored.authToken).not.toBe(c.operator.expiredToken)
  })

  it('moves the live-updates stream to a renewed token before the old one ends, with no 401 on the way', async () => {
    const c = await newCompany()
    const session = await login(c.operator, c.password, 6)
    // Every answer the panel gets for its event stream, as the browser's network panel would list them.
    const statuses: number[] = []
    const realFetch = globalThis.fetch
    globalThis.fetch = async (input, init) => {
      const res = await realFetch(input, init)
      if (String(input instanceof Request ? input.url : input).includes('/events')) statuses.push(res.status)
      return res
    }
    try {
      renderApp('/dialogs', { session })
      expect(await screen.findByText('Обновления в реальном времени')).toBeInTheDocument()
      // Past the token's end and the server's next check of the stream.
      await new Promise((resolve) => setTimeout(resolve, 12_000))
      expect(statuses.length).toBeGreaterThanOrEqual(2)
      expect(statuses.filter((s) => s !== 200)).toEqual([])
      expect(screen.getByText('Обновления в реальном времени')).toBeInTheDocument()
      await startDialogue(c.admin, { externalId: 'after-renewal', name: 'Кира' }, 'Алло')
      expect(await screen.findByRole('link', { name: /Кира/ })).toBeInTheDocument()
    } finally {
      globalThis.fetch = realFetch
    }
  }, 30_000)

  it('asks to sign in again when the token expired and cannot be refreshed', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'r2', name: 'Глеб' }, 'Есть кто?')
    const { user } = renderApp(`/dialogs/${session.id}`, {
      session: { authToken: c.operator.expiredToken, refreshToken: 'garbled' },
    })
    expect(await screen.findByText(/Сессия закончилась/)).toBeInTheDocument()
    await user.type(screen.getByLabelText('Почта'), c.operator.email)
    await user.type(screen.getByLabelText('Пароль'), c.password)
    await user.click(screen.getByRole('button', { name: 'Войти' }))
    expect(await screen.findByRole('heading', { name: 'Глеб' })).toBeInTheDocument()
  })

  it('signs out', async () => {
    const c = await newCompany()
    const { user } = renderApp('/dialogs', { as: c.operator })
    await user.click(await screen.findByRole('button', { name: 'Выйти' }))
    expect(await screen.findByRole('button', { name: 'Войти' })).toBeInTheDocument()
    expect(screen.queryByText(/Сессия закончилась/)).not.toBeInTheDocument()
  })
})

describe('navigation by role', () => {
  it('does not offer an operator the admin pages', async () => {
    const c = await newCompany()
    const { user } = renderApp('/dialogs', { as: c.operator })
    const nav = await screen.findByRole('navigation', { name: 'Разделы' })
    expect(within(nav).getByRole('link', { name: 'Диалоги' })).toBeInTheDocument()
    expect(within(nav).getByRole('link', { name: 'Клиенты' })).toBeInTheDocument()
    expect(within(nav).queryByRole('link', { name: 'Каталог' })).not.toBeInTheDocument()
    expect(within(nav).queryByRole('link', { name: 'Помощь API' })).not.toBeInTheDocument()
    await user.click(within(nav).getByRole('link', { name: 'Клиенты' }))
    expect(await screen.findByRole('heading', { name: 'Клиенты' })).toBeInTheDocument()
  })

  it('keeps an operator who types the address out of the admin pages', async () => {
    const c = await newCompany()
    renderApp('/api-help', { as: c.operator })
    expect(await screen.findByText('Раздел доступен только администраторам')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Выпустить токен' })).not.toBeInTheDocument()
  })

  it('shows an admin the catalog page', async () => {
    const c = await newCompany()
    const { user } = renderApp('/dialogs', { as: c.admin })
    await user.click(await screen.findByRole('link', { name: 'Каталог' }))
    expect(await screen.findByRole('heading', { name: 'Каталог' })).toBeInTheDocument()
  })
})
