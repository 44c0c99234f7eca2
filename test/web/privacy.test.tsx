import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import type { Client } from '@shared/clients'
import { callApi, newCompany, renderApp } from '../support/web-render'

it('an admin registers a request, finds its deadline, and destroys the client only after typing the name', async () => {
  const c = await newCompany()
  await callApi(c.operator, 'POST', '/clients', { name: 'Вера Лапина', phone: '+79161112233' })
  const { user } = renderApp('/privacy', { as: c.admin })

  await user.click(await screen.findByRole('button', { name: 'Зарегистрировать запрос' }))
  const form = await screen.findByRole('dialog', { name: 'Запрос по персональным данным' })
  await user.selectOptions(within(form).getByRole('combobox', { name: 'Что просят' }), 'erasure')
  await user.click(within(form).getByRole('button', { name: 'Зарегистрировать' }))
  expect(await within(form).findByText('Укажите, кто обратился')).toBeInTheDocument()
  await user.type(within(form).getByRole('textbox', { name: /Заявитель/ }), 'Лапина Вера Петровна')
  await user.type(within(form).getByRole('searchbox', { name: 'Клиент' }), 'Лапина')
  await user.click(await within(form).findByRole('button', { name: /Вера Лапина/ }))
  await user.click(within(form).getByRole('button', { name: 'Зарегистрировать' }))
  const row = (await screen.findByText('Лапина Вера Петровна')).closest('tr')!
  expect(within(row).getByText('Уничтожение')).toBeInTheDocument()
  expect(within(row).getByText(/через \d+ раб\. дн\./)).toBeInTheDocument()

  // On the client's page: the destruction asks for the name, and names the request.
  await user.click(within(row).getByRole('link', { name: 'Вера Лапина' }))
  await user.click(await screen.findByRole('button', { name: 'Уничтожить данные' }))
  const erase = await screen.findByRole('dialog', { name: 'Уничтожить персональные данные' })
  await user.type(within(erase).getByRole('textbox', { name: 'Основание' }), 'Запрос № 1, заявление')
  await user.selectOptions(
    within(erase).getByRole('combobox', { name: 'Запрос' }),
    await within(erase).findByRole('option', { name: /№ 1/ }),
  )
  await user.type(within(erase).getByRole('textbox', { name: /Для подтверждения/ }), 'Вера')
  await user.click(within(erase).getByRole('button', { name: 'Уничтожить' }))
  expect(await within(erase).findByText('Введите «Вера Лапина» точно так')).toBeInTheDocument()
  await user.type(within(erase).getByRole('textbox', { name: /Для подтверждения/ }), ' Лапина')
  await user.click(within(erase).getByRole('button', { name: 'Уничтожить' }))
  expect(await screen.findByText(/Данные уничтожены, составлен акт № 1/)).toBeInTheDocument()
  expect(await screen.findByText(/Персональные данные клиента уничтожены/)).toBeInTheDocument()
  const request = (
    await callApi<{ items: { status: string; actId: string | null }[] }>(c.admin, 'GET', '/privacy-requests')
  ).items[0]
  expect(request).toMatchObject({ status: 'closed', actId: expect.any(String) })
})

it('a blocked card says so to the operator, and its edits are refused with the reason', async () => {
  const c = await newCompany()
  const client = await callApi<Client>(c.operator, 'POST', '/clients', { name: 'Игорь' })
  await callApi(c.admin, 'POST', `/clients/${client.id}/block`, { reason: 'Запрос № 7 на проверке' })
  renderApp(`/clients/${client.id}`, { as: c.operator })
  expect(
    await screen.findByText('Обработка данных заблокирована: Запрос № 7 на проверке. Карточку изменить нельзя.'),
  ).toBeInTheDocument()
  // Operators have none of the admin's actions.
  expect(screen.queryByRole('button', { name: 'Уничтожить данные' })).not.toBeInTheDocument()
})
