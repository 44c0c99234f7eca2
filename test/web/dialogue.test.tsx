import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue } from '../support/web-render'

const thread = () => screen.findByRole('log', { name: 'Сообщения' })
const composer = () => screen.findByRole('textbox', { name: 'Ответ клиенту' })

describe('the dialogue view', () => {
  it('shows the thread, and a sent reply appears in it', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'olga', name: 'Ольга' }, 'Добрый день!')
    await callApi(c.admin, 'POST', `/sessions/${session.id}/clients/messages`, { body: 'Заказ 123\nне пришёл' })
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })

    const log = await thread()
    expect(await within(log).findByText('Добрый день!')).toBeInTheDocument()
    // Line breaks of the client's message are kept.
    expect(
      within(log).getByText((_, el) => el?.tagName === 'P' && el.textContent === 'Заказ 123\nне пришёл'),
    ).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Ольга' })).toBeInTheDocument()

    await user.type(await composer(), 'Сейчас проверю')
    await user.click(screen.getByRole('button', { name: 'Отправить' }))
    expect(await within(log).findByText('Сейчас проверю')).toBeInTheDocument()
    expect(await composer()).toHaveValue('')
  })

  it('sends on Enter and starts a new line on Shift+Enter', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'ivan', name: 'Иван' }, 'Вопрос')
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
    const box = await composer()

    await user.type(box, 'Первая строка{Shift>}{Enter}{/Shift}вторая строка')
    expect(box).toHaveValue('Первая строка\nвторая строка')
    await user.keyboard('{Enter}')
    const log = await thread()
    expect(
      await within(log).findByText((_, el) => el?.tagName === 'P' && el.textContent === 'Первая строка\nвторая строка'),
    ).toBeInTheDocument()
    expect(box).toHaveValue('')
  })

  it('keeps the typed text and says why when sending fails', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'petr', name: 'Пётр' }, 'Помогите')
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
    const field = await composer()
    await user.type(field, 'Ответ, который не дойдёт')
    // Someone else closes the dialogue a moment before the operator presses Enter: the key goes in before
    // the panel hears of the close (fired in the same turn, ahead of the live event).
    await callApi(c.admin, 'DELETE', `/sessions/${session.id}`)
    fireEvent.keyDown(field, { key: 'Enter' })

    expect(
      await screen.findByText('Диалог закрыт: ответить в него нельзя', { selector: '#composer-error' }),
    ).toBeInTheDocument()
    expect(await composer()).toHaveValue('Ответ, который не дойдёт')
    // The live update follows: the dialogue shows as closed and the composer is off.
    await waitFor(async () => expect(await composer()).toBeDisabled())
  })

  it('shows markup in names and messages as text', async () => {
    const c = await newCompany()
    const name = '<script>window.__hacked = 1</script>Хакер'
    const body = '<img src=x onerror="window.__hacked = 2"><b>жирный?</b>'
    const session = await startDialogue(c.admin, { externalId: 'xss', name }, body)
    renderApp(`/dialogs/${session.id}`, { as: c.operator })

    expect(await screen.findByRole('heading', { name })).toBeInTheDocument()
    expect(await within(await thread()).findByText(body)).toBeInTheDocument()
    expect(document.querySelector('main script, main img, main b')).toBeNull()
    expect((window as { __hacked?: number }).__hacked).toBeUndefined()
  })

  it('shows a client message sent through the API without a reload, in the thread and the list', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'live', name: 'Мария' }, 'Первое')
    renderApp(`/dialogs/${session.id}`, { as: c.operator })
    await within(await thread()).findByText('Первое')
    await screen.findByText('Обновления в реальном времени')

    await callApi(c.admin, 'POST', `/sessions/${session.id}/clients/messages`, { body: 'Я ещё здесь' })
    const log = await thread()
    expect(await within(log).findByText('Я ещё здесь')).toBeInTheDocument()
    const list = screen.getByRole('list', { name: 'Диалоги' })
    await waitFor(() => expect(within(list).getByRole('link', { name: /Мария/ })).toHaveTextContent('Я ещё здесь'))
  })

  it('loads earlier messages on request', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'long', name: 'Лев' }, 'Сообщение 0')
    for (let i = 1; i <= 55; i++) {
      await callApi(c.admin, 'POST', `/sessions/${session.id}/clients/messages`, { body: `Сообщение ${i}` })
    }
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
    const log = await thread()
    expect(await within(log).findByText('Сообщение 55')).toBeInTheDocument()
    expect(within(log).queryByText('Сообщение 5')).not.toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Показать ранние' }))
    expect(await within(log).findByText('Сообщение 0')).toBeInTheDocument()
    expect(within(log).getAllByRole('listitem')).toHaveLength(56)
    expect(within(log).getAllByRole('listitem')[0]).toHaveTextContent('Сообщение 0')
    expect(screen.queryByRole('button', { name: 'Показать ранние' })).not.toBeInTheDocument()
  })

  it('closes a dialogue after confirmation', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'close', name: 'Семён' }, 'Спасибо, всё')
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
    await user.click(await screen.findByRole('button', { name: 'Закрыть диалог' }))
    const confirm = await screen.findByRole('dialog', { name: 'Закрыть диалог?' })
    await user.click(within(confirm).getByRole('button', { name: 'Закрыть диалог' }))

    expect(await within(await thread()).findByText('Диалог закрыт')).toBeInTheDocument()
    expect(await composer()).toBeDisabled()
    expect(screen.queryByRole('button', { name: 'Закрыть диалог' })).not.toBeInTheDocument()
  })

  it('asks for the parameters required to close, writes them and closes; a supervisor may close without them', async () => {
    const c = await newCompany()
    await callApi(c.admin, 'POST', '/clients/attributes', {
      name: 'Результат обращения',
      type: 'select',
      options: ['Решено', 'Не решено'],
      requiredToClose: true,
    })
    const session = await startDialogue(c.admin, { externalId: 'required', name: 'Дина' }, 'Спасибо')
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
    // The card says beforehand what the close will need.
    const card = await screen.findByRole('region', { name: 'О клиенте' })
    const row = (await within(card).findByText('нужно до закрытия')).closest('li')!
    expect(row).toHaveTextContent('Результат обращения')
    // «Закрыть» opens on the editors at once: no confirmation first, no error after.
    await user.click(await screen.findByRole('button', { name: 'Закрыть диалог' }))
    const ask = await screen.findByRole('dialog', { name: 'Перед закрытием заполните' })
    expect(screen.queryByRole('dialog', { name: 'Закрыть диалог?' })).toBeNull()
    expect(within(ask).queryByRole('alert')).toBeNull()
    expect(within(ask).queryByRole('button', { name: 'Закрыть без них' })).toBeNull()
    await user.selectOptions(await within(ask).findByLabelText('Результат обращения'), 'Решено')
    await user.click(within(ask).getByRole('button', { name: 'Заполнить и закрыть' }))
    expect(await within(await thread()).findByText('Диалог закрыт')).toBeInTheDocument()
    const values = await callApi<{ items: { name: string; value: string | null }[] }>(
      c.operator,
      'GET',
      `/clients/${session.clientId}/attributes`,
    )
    expect(values.items.find((a) => a.name === 'Результат обращения')?.value).toBe('Решено')

    const other = await startDialogue(c.admin, { externalId: 'required-2', name: 'Глеб' }, 'Пока')
    cleanup()
    const second = renderApp(`/dialogs/${other.id}`, { as: c.supervisor })
    await second.user.click(await screen.findByRole('button', { name: 'Закрыть диалог' }))
    await second.user.click(
      within(await screen.findByRole('dialog', { name: 'Перед закрытием заполните' })).getByRole('button', {
        name: 'Закрыть без них',
      }),
    )
    expect(
      await within(await thread()).findByText(/закрыл диалог без обязательных параметров \(«Результат обращения»\)/),
    ).toBeInTheDocument()
  })

  it('transfers a dialogue to a colleague picked from the list', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'move', name: 'Зоя' }, 'Нужен руководитель')
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
    await user.click(await screen.findByRole('button', { name: 'Передать' }))
    // Typing goes to the search field at once, on the first open too (the list loads after it opens).
    const search = await screen.findByRole('combobox', { name: 'Кому передать' })
    await waitFor(() => expect(search).toHaveFocus())
    await user.keyboard('Руковод')
    await user.click(await screen.findByRole('option', { name: new RegExp(c.supervisor.name) }))

    expect(await screen.findByText(`Оператор: ${c.supervisor.name}`)).toBeInTheDocument()
    expect(await within(await thread()).findByText(`Диалог передан оператору ${c.supervisor.name}`)).toBeInTheDocument()
  })
})
