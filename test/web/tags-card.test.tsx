import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue, type WebTestUser } from '../support/web-render'

type Kind = 'clients' | 'sessions'
const createTag = (admin: WebTestUser, kind: Kind, tag: string) =>
  callApi<{ id: string }>(admin, 'POST', `/${kind}/tags`, { tag })

const card = () => screen.findByRole('region', { name: 'О клиенте' })
const thread = () => screen.findByRole('log', { name: 'Сообщения' })
const chipList = async (name: string) => within(await card()).findByRole('list', { name })

describe('tags in the "О клиенте" panel', () => {
  it('adds a client tag and a session tag with the keyboard, writes system lines, and removes with Backspace', async () => {
    const c = await newCompany()
    await createTag(c.admin, 'clients', 'ВИП-клиент')
    await createTag(c.admin, 'clients', 'часто обращается')
    await createTag(c.admin, 'sessions', 'предоплата')
    const s = await startDialogue(c.admin, { externalId: 'anna', name: 'Анна' }, 'Добрый день')
    const { user } = renderApp(`/dialogs/${s.id}`, { as: c.operator })

    await user.click(await within(await card()).findByRole('button', { name: 'Выбрать: теги клиента' }))
    const search = await screen.findByRole('combobox', { name: 'Найти: теги клиента' })
    expect(search).toHaveFocus()
    // Its own catalog only: no session tags among the options.
    expect(await screen.findByRole('option', { name: 'часто обращается' })).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: 'предоплата' })).not.toBeInTheDocument()
    await user.keyboard('вип')
    const picker = screen.getByRole('dialog', { name: 'Теги клиента' })
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['ВИП-клиент']),
    )
    await user.keyboard('{Enter}')
    expect(await screen.findByRole('option', { name: 'ВИП-клиент', checked: true })).toBeInTheDocument()
    // The search clears after a pick, ready for the next tag.
    expect(search).toHaveValue('')
    expect(within(picker).getByRole('option', { name: 'часто обращается' })).toBeInTheDocument()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Теги клиента' })).not.toBeInTheDocument())
    expect(within(await chipList('Теги клиента')).getByText('ВИП-клиент')).toBeInTheDocument()

    await user.click(within(await card()).getByRole('button', { name: 'Выбрать: теги сессии' }))
    await user.keyboard('пред{Enter}{Escape}')
    expect(within(await chipList('Теги сессии')).getByText('предоплата')).toBeInTheDocument()

    const log = await thread()
    const name = c.operator.name
    expect(await within(log).findByText(`${name} добавил тег клиента «ВИП-клиент»`)).toBeInTheDocument()
    expect(await within(log).findByText(`${name} добавил тег «предоплата»`)).toBeInTheDocument()

    within(await chipList('Теги клиента'))
      .getByRole('button', { name: 'Убрать тег «ВИП-клиент»' })
      .focus()
    await user.keyboard('{Backspace}')
    await waitFor(async () =>
      expect(within(await card()).queryByRole('list', { name: 'Теги клиента' })).not.toBeInTheDocument(),
    )
    // Focus stays in the row, on its button, for the next action.
    expect(within(await card()).getByRole('button', { name: 'Выбрать: теги клиента' })).toHaveFocus()
    expect(await within(log).findByText(`${name} убрал тег клиента «ВИП-клиент»`)).toBeInTheDocument()
    const stored = await callApi<{ items: unknown[] }>(c.admin, 'GET', `/clients/${s.clientId}/tags`)
    expect(stored.items).toEqual([])
  })

  it('opens the session tag picker with Alt+N from the composer; arrows and Enter pick', async () => {
    const c = await newCompany()
    await createTag(c.admin, 'sessions', 'кредит')
    await createTag(c.admin, 'sessions', 'предоплата')
    const s = await startDialogue(c.admin, { externalId: 'boris', name: 'Борис' }, 'Вопрос')
    const { user } = renderApp(`/dialogs/${s.id}`, { as: c.operator })
    const button = await within(await card()).findByRole('button', { name: 'Выбрать: теги сессии' })
    expect(button).toHaveAttribute('aria-keyshortcuts', 'Alt+N')

    const composer = await screen.findByRole('textbox', { name: 'Ответ клиенту' })
    await user.type(composer, 'Сейчас')
    await user.keyboard('{Alt>}n{/Alt}')
    expect(await screen.findByRole('dialog', { name: 'Теги сессии' })).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Найти: теги сессии' })).toHaveFocus()
    expect(composer).toHaveValue('Сейчас')
    await screen.findByRole('option', { name: 'предоплата' })
    await user.keyboard('{ArrowDown}{Enter}')
    expect(await screen.findByRole('option', { name: 'предоплата', checked: true })).toBeInTheDocument()
    expect(screen.getByRole('option', { name: 'кредит', checked: false })).toBeInTheDocument()
    await user.keyboard('{Escape}')
    expect(within(await chipList('Теги сессии')).getByText('предоплата')).toBeInTheDocument()
    await waitFor(() => expect(button).toHaveFocus())
  })

  it('shows only the client row on the client page', async () => {
    const c = await newCompany()
    const s = await startDialogue(c.admin, { externalId: 'vera', name: 'Вера' }, 'Привет')
    renderApp(`/clients/${s.clientId}`, { as: c.operator })
    expect(await within(await card()).findByRole('heading', { name: 'Теги клиента' })).toBeInTheDocument()
    expect(within(await card()).queryByRole('heading', { name: 'Теги сессии' })).not.toBeInTheDocument()
  })

  it('shows a tag another operator adds without a reload', async () => {
    const c = await newCompany()
    const vip = await createTag(c.admin, 'clients', 'ВИП-клиент')
    const prepaid = await createTag(c.admin, 'sessions', 'предоплата')
    const s = await startDialogue(c.admin, { externalId: 'gleb', name: 'Глеб' }, 'Здравствуйте')
    renderApp(`/dialogs/${s.id}`, { as: c.operator })
    await within(await card()).findByRole('heading', { name: 'Теги клиента' })
    await screen.findByText('Обновления в реальном времени')

    await callApi(c.supervisor, 'PUT', `/clients/${s.clientId}/tags/${vip.id}`)
    await callApi(c.supervisor, 'PUT', `/sessions/${s.id}/tags/${prepaid.id}`)
    expect(await within(await chipList('Теги клиента')).findByText('ВИП-клиент')).toBeInTheDocument()
    expect(await within(await chipList('Теги сессии')).findByText('предоплата')).toBeInTheDocument()
  })

  it('keeps an archived tag as a chip but does not offer it', async () => {
    const c = await newCompany()
    const old = await createTag(c.admin, 'sessions', 'старый')
    await createTag(c.admin, 'sessions', 'кредит')
    const s = await startDialogue(c.admin, { externalId: 'dina', name: 'Дина' }, 'Снова я')
    await callApi(c.admin, 'PUT', `/sessions/${s.id}/tags/${old.id}`)
    await callApi(c.admin, 'DELETE', `/sessions/tags/${old.id}`)
    const { user } = renderApp(`/dialogs/${s.id}`, { as: c.operator })

    expect(await within(await chipList('Теги сессии')).findByText('старый')).toBeInTheDocument()
    await user.click(within(await card()).getByRole('button', { name: 'Выбрать: теги сессии' }))
    expect(await screen.findByRole('option', { name: 'кредит' })).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: 'старый' })).not.toBeInTheDocument()
  })

  it('undoes an addition the service refuses, and says why', async () => {
    const c = await newCompany()
    const tag = await createTag(c.admin, 'clients', 'должник')
    const s = await startDialogue(c.admin, { externalId: 'egor', name: 'Егор' }, 'Алло')
    const { user } = renderApp(`/dialogs/${s.id}`, { as: c.operator })
    await user.click(await within(await card()).findByRole('button', { name: 'Выбрать: теги клиента' }))
    const option = await screen.findByRole('option', { name: 'должник' })
    // The admin archives it while the picker is open.
    await callApi(c.admin, 'PATCH', `/clients/tags/${tag.id}`, { archived: true })
    await user.click(option)

    expect(await screen.findByText(/Не удалось добавить тег «должник»: Тег «должник» в архиве/)).toBeInTheDocument()
    await waitFor(async () =>
      expect(within(await card()).queryByRole('list', { name: 'Теги клиента' })).not.toBeInTheDocument(),
    )
  })

  it('shows markup and emoji in tag names as text', async () => {
    const c = await newCompany()
    const script = '<script>window.__tagged = 1</script>'
    const emoji = '🔥 горячий 👩‍💻'
    const a = await createTag(c.admin, 'clients', script)
    const b = await createTag(c.admin, 'clients', emoji)
    const s = await startDialogue(c.admin, { externalId: 'xss', name: 'Зина' }, 'Тест')
    await callApi(c.admin, 'PUT', `/clients/${s.clientId}/tags/${a.id}`)
    await callApi(c.admin, 'PUT', `/clients/${s.clientId}/tags/${b.id}`)
    renderApp(`/dialogs/${s.id}`, { as: c.operator })

    const chips = await chipList('Теги клиента')
    expect(within(chips).getByText(script)).toBeInTheDocument()
    expect(within(chips).getByText(emoji)).toBeInTheDocument()
    expect(document.querySelector('main script')).toBeNull()
    expect((window as { __tagged?: number }).__tagged).toBeUndefined()
  })
})
