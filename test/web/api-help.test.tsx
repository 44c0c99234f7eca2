import { screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { apiOrigin, baseUrl, newCompany, renderApp } from '../support/web-render'

it('issues an API token an admin can copy and use', async () => {
  const c = await newCompany()
  const { user } = renderApp('/dialogs', { as: c.admin })
  await user.click(await screen.findByRole('link', { name: 'Помощь API' }))
  await user.click(await screen.findByRole('button', { name: 'Выпустить токен' }))

  const field = await screen.findByRole('textbox', { name: 'Токен' })
  const token = (field as HTMLTextAreaElement).value
  expect(token.split('.')).toHaveLength(3)
  expect(screen.getByText(/Действует до/)).toBeInTheDocument()
  expect(screen.getByRole('link', { name: /Открыть Swagger UI/ })).toHaveAttribute('href', `${apiOrigin}/api/docs`)
  expect(screen.getByText('POST /clients/attributes')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Копировать' }))
  expect(await screen.findByText('Токен скопирован в буфер обмена.')).toBeInTheDocument()
  expect(await navigator.clipboard.readText()).toBe(token)

  const me = await fetch(`${baseUrl}/auth/me`, { headers: { authorization: `Bearer ${token}` } })
  expect(await me.json()).toMatchObject({ id: c.admin.id, role: 'admin' })
})
