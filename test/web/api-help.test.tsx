import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { apiOrigin, baseUrl, newCompany, renderApp } from '../support/web-render'

const meWith = (token: string) => fetch(`${baseUrl}/auth/me`, { headers: { authorization: `Bearer ${token}` } })

it('issues a named API token an admin can copy and use, lists it, and revokes it', async () => {
  const c = await newCompany()
  const { user } = renderApp('/dialogs', { as: c.admin })
  await user.click(await screen.findByRole('link', { name: 'Помощь API' }))
  await user.type(await screen.findByRole('textbox', { name: 'Для чего' }), 'CRM')
  await user.selectOptions(screen.getByRole('combobox', { name: 'Срок' }), '90')
  await user.click(screen.getByRole('button', { name: 'Выпустить токен' }))

  const field = await screen.findByRole('textbox', { name: 'Токен' })
  const token = (field as HTMLTextAreaElement).value
  expect(token).toMatch(/^kt_/)
  expect(screen.getByText(/^Действует до \d/)).toBeInTheDocument()
  expect(screen.getByRole('link', { name: /Открыть Swagger UI/ })).toHaveAttribute('href', `${apiOrigin}/api/docs`)
  expect(screen.getByText('POST /clients/attributes')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Копировать' }))
  expect(await screen.findByText('Токен скопирован в буфер обмена.')).toBeInTheDocument()
  expect(await navigator.clipboard.readText()).toBe(token)
  expect(await (await meWith(token)).json()).toMatchObject({ id: c.admin.id, role: 'admin' })

  const table = await screen.findByRole('table', { name: 'Выпущенные токены' })
  const row = (await within(table).findByText('CRM')).closest('tr')!
  await user.click(within(row).getByRole('button', { name: 'Отозвать' }))
  await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Отозвать' }))
  expect(await within(row).findByText('Отозван')).toBeInTheDocument()
  expect((await meWith(token)).status).toBe(401)
})
