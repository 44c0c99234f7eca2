import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue } from '../support/web-render'

const dialogueList = () => screen.findByRole('list', { name: 'Диалоги' })
const names = async () =>
  within(await dialogueList())
    .getAllByRole('link')
    .map((a) => a.textContent ?? '')

describe('the dialogue list', () => {
  it('puts open dialogues first, counts unread messages and filters by status, "Мои" and search, in the URL', async () => {
    const c = await newCompany()
    const closed = await startDialogue(c.admin, { externalId: 'a', name: 'Аркадий' }, 'Вопрос про доставку')
    await callApi(c.admin, 'DELETE', `/sessions/${closed.id}`)
    const mine = await startDialogue(c.admin, { externalId: 'b', name: 'Борис' }, 'Где оплата?')
    await callApi(c.operator, 'POST', `/sessions/${mine.id}/operators/messages`, { body: 'Смотрю' })
    const unread = await startDialogue(c.admin, { externalId: 'v', name: 'Варвара' }, 'Первое')
    await callApi(c.admin, 'POST', `/sessions/${unread.id}/clients/messages`, { body: 'Второе' })

    const { user, router } = renderApp('/dialogs', { as: c.operator })
    await waitFor(async () => expect(await names()).toHaveLength(3))
    const [first, second, third] = await names()
    expect(first).toMatch(/Варвара/)
    expect(second).toMatch(/Борис/)
    expect(third).toMatch(/Аркадий.*Закрыт/)
    expect(screen.getByText('Непрочитанных: 2')).toBeInTheDocument()

    await user.selectOptions(screen.getByLabelText('Статус'), 'Закрытые')
    await waitFor(async () => expect(await names()).toEqual([expect.stringMatching(/Аркадий/)]))
    expect(router.state.location.search).toBe('?status=closed')

    await user.selectOptions(screen.getByLabelText('Статус'), 'Все')
    await user.click(screen.getByRole('checkbox', { name: 'Мои' }))
    await waitFor(async () => expect(await names()).toEqual([expect.stringMatching(/Борис/)]))

    await user.click(screen.getByRole('checkbox', { name: 'Мои' }))
    await user.type(screen.getByRole('searchbox', { name: 'Поиск по диалогам' }), 'доставку')
    await waitFor(async () => expect(await names()).toEqual([expect.stringMatching(/Аркадий/)]))
    expect(router.state.location.search).toBe('?q=%D0%B4%D0%BE%D1%81%D1%82%D0%B0%D0%B2%D0%BA%D1%83')
  })

  it('says so when there are no dialogues', async () => {
    const c = await newCompany()
    renderApp('/dialogs', { as: c.operator })
    expect(await screen.findByText('Диалогов пока нет')).toBeInTheDocument()
    expect(screen.getByText('Выберите диалог в списке слева')).toBeInTheDocument()
  })

  it('opens a dialogue from the list, keeping the filters, and resets its unread count', async () => {
    const c = await newCompany()
    const s = await startDialogue(c.admin, { externalId: 'g', name: 'Галина' }, 'Жду ответа')
    const { user, router } = renderApp('/dialogs?status=open', { as: c.operator })
    const link = await within(await dialogueList()).findByRole('link', { name: /Галина/ })
    expect(within(link).getByText('Непрочитанных: 1')).toBeInTheDocument()
    await user.click(link)

    expect(await screen.findByRole('heading', { name: 'Галина' })).toBeInTheDocument()
    expect(router.state.location).toMatchObject({ pathname: `/dialogs/${s.id}`, search: '?status=open' })
    expect(link).toHaveAttribute('aria-current', 'page')
    await waitFor(() => expect(within(link).queryByText(/Непрочитанных/)).not.toBeInTheDocument())
  })

  it('shows an error with a retry button when a dialogue cannot be opened', async () => {
    const c = await newCompany()
    const other = await newCompany()
    const foreign = await startDialogue(other.admin, { externalId: 'x', name: 'Чужой' }, 'Секрет')
    renderApp(`/dialogs/${foreign.id}`, { as: c.operator })
    expect(await screen.findByRole('alert')).toHaveTextContent('Диалог не найден')
    expect(screen.getByRole('button', { name: 'Повторить' })).toBeInTheDocument()
    expect(screen.queryByText('Секрет')).not.toBeInTheDocument()
  })
})
