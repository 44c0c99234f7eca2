import { screen, waitFor, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { baseUrl, newCompany, renderApp } from '../support/web-render'

const login = (email: string, password: string) =>
  fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })

it('lets an admin add an operator with a temporary password, keep the form on a taken email, and deactivate', async () => {
  const c = await newCompany()
  const { user } = renderApp('/dialogs', { as: c.admin })
  await user.click(await screen.findByRole('link', { name: 'Сотрудники' }))
  await user.click(await screen.findByRole('button', { name: 'Добавить сотрудника' }))
  const dialog = await screen.findByRole('dialog', { name: 'Новый сотрудник' })
  await user.type(within(dialog).getByRole('textbox', { name: 'Имя' }), 'Вера Новикова')
  await user.type(within(dialog).getByRole('textbox', { name: 'Почта' }), c.operator.email)
  await user.click(within(dialog).getByRole('button', { name: 'Добавить' }))
  // Taken: the message sits at the field and what was typed stays.
  expect(await within(dialog).findByText('Почта уже занята')).toBeInTheDocument()
  expect(within(dialog).getByRole('textbox', { name: 'Имя' })).toHaveValue('Вера Новикова')

  const email = `vera-${crypto.randomUUID().slice(0, 8)}@test.ru`
  await user.clear(within(dialog).getByRole('textbox', { name: 'Почта' }))
  await user.type(within(dialog).getByRole('textbox', { name: 'Почта' }), email)
  await user.click(within(dialog).getByRole('button', { name: 'Добавить' }))
  const password = (await within(dialog).findByText(/^[A-Za-z0-9]{12}$/)).textContent!
  expect((await login(email, password)).status).toBe(200)
  await user.click(within(dialog).getByRole('button', { name: 'Готово' }))

  const row = (await screen.findByText('Вера Новикова')).closest('tr')!
  expect(within(row).getByText('Временный пароль')).toBeInTheDocument()
  await user.click(within(row).getByRole('button', { name: 'Отключить' }))
  await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Отключить' }))
  expect(await within(row).findByText('Отключён')).toBeInTheDocument()
  expect((await login(email, password)).status).toBe(401)
})

it('asks someone signed in with a temporary password for their own before anything else', async () => {
  const c = await newCompany()
  const reset = await fetch(`${baseUrl}/users/${c.operator.id}/password-reset`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.admin.token}` },
  })
  const { temporaryPassword } = (await reset.json()) as { temporaryPassword: string }
  const session = (await (await login(c.operator.email, temporaryPassword)).json()) as {
    authToken: string
    refreshToken: string
  }
  const { user } = renderApp('/dialogs', { session })
  expect(await screen.findByRole('heading', { name: 'Задайте свой пароль' })).toBeInTheDocument()
  await user.type(screen.getByLabelText('Временный пароль'), temporaryPassword)
  await user.type(screen.getByLabelText('Новый пароль'), 'short')
  await user.click(screen.getByRole('button', { name: 'Сменить пароль' }))
  expect(await screen.findByText('Пароль — не короче 8 символов')).toBeInTheDocument()
  await user.clear(screen.getByLabelText('Новый пароль'))
  await user.type(screen.getByLabelText('Новый пароль'), 'my-own-password')
  await user.click(screen.getByRole('button', { name: 'Сменить пароль' }))
  expect(await screen.findByRole('link', { name: 'Клиенты' })).toBeInTheDocument()
  expect((await login(c.operator.email, 'my-own-password')).status).toBe(200)
})

it('shows the audit log to an admin, filtered by what happened', async () => {
  const c = await newCompany()
  await login(c.operator.email, 'wrong-password')
  await fetch(`${baseUrl}/auth/api-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'CRM' }),
  })
  const { user } = renderApp('/dialogs', { as: c.admin })
  await user.click(await screen.findByRole('link', { name: 'Журнал' }))
  const table = await screen.findByRole('table', { name: 'Журнал действий' })
  expect(await within(table).findByText(`Неверный пароль для ${c.operator.email}`)).toBeInTheDocument()
  expect(within(table).getByText('API-токен «CRM», на 30 дн.')).toBeInTheDocument()
  await user.selectOptions(screen.getByRole('combobox', { name: 'Что' }), 'Выпущен API-токен')
  await waitFor(() =>
    expect(within(screen.getByRole('table', { name: 'Журнал действий' })).queryByText(/Неверный пароль/)).toBeNull(),
  )
  expect(screen.getByText('Всего: 1')).toBeInTheDocument()
})
