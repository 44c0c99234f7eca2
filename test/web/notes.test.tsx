import { cleanup, screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue } from '../support/web-render'

it("leaves a client note and a dialogue note; the client's next dialogue shows the first only, and a draft waits per client", async () => {
  const c = await newCompany()
  const first = await startDialogue(c.admin, { externalId: 'notes-1', name: 'Нина' }, 'Здравствуйте')
  const { user } = renderApp(`/dialogs/${first.id}`, { as: c.operator })
  const notes = within(await screen.findByRole('region', { name: 'Заметки' }))
  await user.type(
    notes.getByRole('textbox', { name: 'Новая заметка' }),
    'Звонить после 18:00, сайт https://example.ru/a',
  )
  await user.click(notes.getByRole('button', { name: 'Сохранить заметку' }))
  const about = within(await notes.findByRole('list', { name: 'О клиенте' }))
  expect(about.getByRole('link', { name: 'https://example.ru/a' })).toHaveAttribute('href', 'https://example.ru/a')

  await user.click(notes.getByRole('radio', { name: 'об этом диалоге' }))
  await user.type(notes.getByRole('textbox', { name: 'Новая заметка' }), 'Ждёт возврат{Control>}{Enter}{/Control}')
  expect(
    await within(await notes.findByRole('list', { name: 'Об этом диалоге' })).findByText('Ждёт возврат'),
  ).toBeInTheDocument()
  // An unsent note about the client stays in its field.
  await user.click(notes.getByRole('radio', { name: 'о клиенте' }))
  await user.type(notes.getByRole('textbox', { name: 'Новая заметка' }), 'черновик')

  await callApi(c.admin, 'DELETE', `/sessions/${first.id}`)
  const next = await callApi<{ id: string }>(c.admin, 'POST', '/sessions', {
    client: { externalId: 'notes-1' },
    message: 'Снова я',
  })
  cleanup()
  renderApp(`/dialogs/${next.id}`, { as: c.supervisor })
  const later = within(await screen.findByRole('region', { name: 'Заметки' }))
  expect(
    await within(await later.findByRole('list', { name: 'О клиенте' })).findByText(/Звонить после 18:00/),
  ).toBeInTheDocument()
  expect(later.queryByText('Ждёт возврат')).toBeNull()
  expect(later.getByRole('textbox', { name: 'Новая заметка' })).toHaveValue('черновик')
})

it('folds a note longer than 12 lines under «Показать полностью», and unfolds it', async () => {
  const c = await newCompany()
  const dialogue = await startDialogue(c.admin, { externalId: 'notes-long', name: 'Лев' }, 'Здравствуйте')
  const long = Array.from({ length: 20 }, (_, i) => `Строка ${i + 1}`).join('\n')
  await callApi(c.operator, 'POST', `/clients/${dialogue.clientId}/comments`, { body: long })
  await callApi(c.operator, 'POST', `/clients/${dialogue.clientId}/comments`, { body: 'Коротко' })
  const { user } = renderApp(`/dialogs/${dialogue.id}`, { as: c.operator })
  const about = within(await screen.findByRole('list', { name: 'О клиенте' }))
  const more = await about.findByRole('button', { name: 'Показать полностью' })
  expect(about.getAllByRole('button', { name: 'Показать полностью' })).toHaveLength(1)
  expect(more).toHaveAttribute('aria-expanded', 'false')
  const text = more.previousElementSibling!
  expect(text).toHaveTextContent(/^Строка 1 Строка 2/)
  expect(text.className).toContain('line-clamp-12')
  await user.click(more)
  expect(about.getByRole('button', { name: 'Свернуть' })).toHaveAttribute('aria-expanded', 'true')
  expect(text.className).not.toContain('line-clamp')
})
