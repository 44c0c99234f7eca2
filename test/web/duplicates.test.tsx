import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp } from '../support/web-render'

it('shows a supervisor the clients that look like one person, each a link to its card', async () => {
  const c = await newCompany()
  for (const [name, phone] of [
    ['Анна Смирнова', '+7 916 555-44-33'],
    ['Анна', '8 (916) 555 44 33'],
    ['Пётр', '+7 903 000-00-00'],
  ]) {
    await callApi(c.admin, 'POST', '/clients', { name, phone })
  }
  const { user, router } = renderApp('/dialogs', { as: c.supervisor })
  await user.click(await screen.findByRole('link', { name: 'Дубликаты' }))
  const groups = await screen.findByRole('list', { name: 'Похожие клиенты' })
  const [group] = within(groups).getAllByRole('listitem')
  expect(within(group!).getByText('один телефон')).toBeInTheDocument()
  expect(
    within(group!)
      .getAllByRole('link')
      .map((a) => a.textContent),
  ).toEqual(['Анна Смирнова', 'Анна'])
  expect(within(groups).queryByText('Пётр')).toBeNull()
  await user.click(within(group!).getByRole('link', { name: 'Анна' }))
  expect(router.state.location.pathname).toMatch(/^\/clients\//)
})

it("merges a pair whose phones differ only in writing without asking about them, choosing the source's name, and undoes it from the toast", async () => {
  const c = await newCompany()
  const older = await callApi<{ id: string }>(c.admin, 'POST', '/clients', {
    name: 'Ольга Ким',
    phone: '+7 903 111-22-33',
  })
  const newer = await callApi<{ id: string }>(c.admin, 'POST', '/clients', {
    name: 'Ольга',
    phone: '8 903 111 22 33',
    email: 'olga@mail.ru',
  })
  const { user } = renderApp('/duplicates', { as: c.supervisor })
  await user.click(await screen.findByRole('button', { name: 'Объединить «Ольга» с «Ольга Ким»' }))
  const dialog = await screen.findByRole('dialog', { name: 'Объединить карточки' })
  // +7 903 111-22-33 and 8 903 111 22 33 are one number: nothing to choose.
  const name = await within(dialog).findByRole('group', { name: 'Имя' })
  expect(within(dialog).queryByRole('group', { name: 'Телефон' })).toBeNull()
  await user.click(within(name).getByRole('radio', { name: 'Ольга' }))
  const result = within(dialog).getByRole('list', { name: 'Результат объединения' })
  expect(result).toHaveTextContent('Имя: Ольга')
  expect(within(dialog).getByRole('region', { name: 'Вливается' })).toHaveTextContent('Телефон:8 (903) 111-22-33')
  await user.click(within(dialog).getByRole('button', { name: 'Объединить' }))

  expect(await screen.findByText('Карточки объединены: Ольга')).toBeInTheDocument()
  const merged = await callApi<{ name: string; phone: string; email: string }>(
    c.operator,
    'GET',
    `/clients/${older.id}`,
  )
  expect(merged).toMatchObject({ name: 'Ольга', phone: '+79031112233', email: 'olga@mail.ru' })
  expect(await screen.findByText('Похожих клиентов не нашлось')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Отменить объединение' }))
  expect(await screen.findByText('Объединение отменено: обе карточки на месте')).toBeInTheDocument()
  expect(await callApi(c.operator, 'GET', `/clients/${newer.id}`)).toMatchObject({
    name: 'Ольга',
    email: 'olga@mail.ru',
  })
  expect(await callApi(c.operator, 'GET', `/clients/${older.id}`)).toMatchObject({
    name: 'Ольга Ким',
    phone: '+79031112233',
    email: null,
  })
})

it('merges another card into the open one from its page, with both cards side by side', async () => {
  const c = await newCompany()
  const kept = await callApi<{ id: string }>(c.admin, 'POST', '/clients', {
    name: 'Семён Иванов',
    phone: '+7 905 222-33-44',
  })
  await callApi(c.admin, 'POST', '/clients', { name: 'Сёма', email: 'sema@mail.ru', externalId: 'tg-sema' })
  const { user } = renderApp(`/clients/${kept.id}`, { as: c.supervisor })
  await user.click(await screen.findByRole('button', { name: 'Объединить с…' }))
  const picker = await screen.findByRole('dialog', { name: 'Объединить с клиентом' })
  await user.type(within(picker).getByRole('combobox'), 'tg-sema')
  await user.click(await within(picker).findByRole('option', { name: /Сёма/ }))

  const dialog = await screen.findByRole('dialog', { name: 'Объединить карточки' })
  expect(within(dialog).getByRole('region', { name: 'Остаётся' })).toHaveTextContent('Семён Иванов')
  expect(within(dialog).getByRole('region', { name: 'Вливается' })).toHaveTextContent('sema@mail.ru')
  await user.click(within(dialog).getByRole('button', { name: 'Объединить' }))
  expect(await screen.findByText('Карточки объединены: Семён Иванов')).toBeInTheDocument()
  expect(await callApi(c.operator, 'GET', '/clients/tg-sema')).toMatchObject({ id: kept.id, email: 'sema@mail.ru' })
  // The page shows the merged card: the e-mail came from the other one.
  expect((await screen.findAllByText('sema@mail.ru')).length).toBeGreaterThan(0)
})

it('offers an operator no merge on the client page', async () => {
  const c = await newCompany()
  const client = await callApi<{ id: string }>(c.admin, 'POST', '/clients', { name: 'Семён' })
  renderApp(`/clients/${client.id}`, { as: c.operator })
  expect((await screen.findAllByText('Семён')).length).toBeGreaterThan(0)
  expect(screen.queryByRole('button', { name: 'Объединить с…' })).toBeNull()
})
