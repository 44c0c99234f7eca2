import { screen, waitFor, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue } from '../support/web-render'

it('an operator picks a template with «/», fills the empty city inline, and gets the text in the box, unsent', async () => {
  const c = await newCompany()
  const city = await callApi<{ id: string }>(c.admin, 'POST', '/clients/attributes', { name: 'Город' })
  await callApi(c.supervisor, 'POST', '/templates', {
    name: 'Доставка',
    code: '/доставка',
    body: 'Здравствуйте, {{client.firstName}}! Доставим в {{param.Город}} завтра.',
  })
  const session = await startDialogue(c.admin, { externalId: 'tpl-1', name: 'Петрова Анна' }, 'Когда доставка?')
  const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
  const box = await screen.findByRole('textbox', { name: 'Ответ клиенту' })
  await user.click(box)
  await user.keyboard('/')
  const picker = await screen.findByRole('dialog', { name: 'Шаблоны ответов' })
  await waitFor(() => expect(within(picker).getByRole('combobox')).toHaveFocus())
  await user.keyboard('дост')
  const option = await within(picker).findByRole('option', { name: /Доставка/ })
  // The preview already has the client's name, and a gap where the city goes.
  expect(await within(picker).findByText(/Здравствуйте, Анна! Доставим в \[Город\] завтра\./)).toBeInTheDocument()
  await user.click(option)

  const fill = await screen.findByRole('form', { name: 'Заполнить пустое для «Доставка»' })
  await user.type(within(fill).getByRole('textbox', { name: 'Город' }), 'Самара')
  await user.click(within(fill).getByRole('button', { name: 'Сохранить и вставить' }))
  await waitFor(() => expect(box).toHaveValue('Здравствуйте, Анна! Доставим в Самара завтра.'))
  expect(box).toHaveFocus()

  const history = await callApi<{ items: { newValue: string; source: string }[] }>(
    c.operator,
    'GET',
    `/clients/${session.clientId}/attributes/${city.id}/history`,
  )
  expect(history.items[0]).toMatchObject({ newValue: 'Самара', source: 'template' })
  // Nothing was sent: the thread still has only the client's message.
  const thread = await callApi<{ items: { authorType: string }[] }>(
    c.operator,
    'GET',
    `/sessions/${session.id}/messages`,
  )
  expect(thread.items.map((m) => m.authorType)).toEqual(['client'])
})

it('an operator keeps a personal template on «Шаблоны», tried on a client as it is written; an unknown variable is refused with its name', async () => {
  const c = await newCompany()
  await callApi(c.operator, 'POST', '/clients', { name: 'Кузнецова Вера' })
  const { user } = renderApp('/dialogs', { as: c.operator })
  await user.click(await screen.findByRole('link', { name: 'Шаблоны' }))
  await user.click(await screen.findByRole('button', { name: 'Новый шаблон' }))
  const form = await screen.findByRole('dialog', { name: 'Новый шаблон' })
  await user.type(within(form).getByRole('textbox', { name: 'Название' }), 'Прощание')
  await user.type(within(form).getByRole('textbox', { name: 'Код' }), 'пока')
  await user.type(within(form).getByRole('textbox', { name: 'Текст' }), 'До свидания, {{{{client.nick}}')
  await user.click(within(form).getByRole('button', { name: 'Добавить' }))
  expect(await within(form).findByText(/Неизвестная переменная \{\{client\.nick\}\}/)).toBeInTheDocument()

  const text = within(form).getByRole('textbox', { name: 'Текст' })
  await user.clear(text)
  // «{{» suggests the variables; typing narrows them, Enter completes the one highlighted.
  await user.type(text, 'До свидания, {{{{имя к')
  const suggestions = within(form).getByRole('listbox', { name: 'Переменные' })
  expect(within(suggestions).getByRole('option', { selected: true })).toHaveTextContent('{{client.name}}')
  await user.keyboard('{ArrowDown}{Enter}')
  expect(text).toHaveValue('До свидания, {{client.firstName}}')
  await user.type(text, ' — {{{{ваш')
  expect(within(form).getByRole('listbox', { name: 'Переменные' })).toHaveTextContent('{{operator.name}}')
  await user.keyboard('{Escape}')
  expect(within(form).queryByRole('listbox', { name: 'Переменные' })).not.toBeInTheDocument()
  await user.clear(text)
  await user.type(text, 'До свидания, ')
  await user.selectOptions(within(form).getByRole('combobox', { name: 'Вставить переменную' }), 'Имя клиента')
  expect(text).toHaveValue('До свидания, {{client.firstName}}')
  const trial = within(form).getByRole('region', { name: 'Проверка на клиенте' })
  await user.type(within(trial).getByRole('searchbox', { name: 'Проверить на клиенте' }), 'Кузнец')
  await user.click(await within(trial).findByRole('button', { name: 'Кузнецова Вера' }))
  expect(await within(trial).findByText('До свидания, Вера')).toBeInTheDocument()
  await user.click(within(form).getByRole('button', { name: 'Добавить' }))
  const row = await screen.findByText('Прощание')
  expect(row.closest('li')).toHaveTextContent('Личный')
  expect(row.closest('li')).toHaveTextContent('/пока')
})
