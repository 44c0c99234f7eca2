import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { baseUrl, callApi, newCompany, renderApp, startDialogue } from '../support/web-render'

const dialogueList = () => screen.findByRole('list', { name: 'Диалоги' })

describe('TWIN compatibility in the panel', () => {
  it("shows the client's external and internal IDs on the card, each copied with one click", async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'tg-777', name: 'Ирина' }, 'Здравствуйте')
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
    const card = await screen.findByRole('region', { name: 'О клиенте' })
    expect(await within(card).findByText('tg-777')).toBeInTheDocument()
    expect(within(card).getByText(session.clientId)).toBeInTheDocument()

    await user.click(within(card).getByRole('button', { name: 'Скопировать: Внешний ID' }))
    expect(await navigator.clipboard.readText()).toBe('tg-777')
    expect(await screen.findByText('Внешний ID скопирован: tg-777')).toBeInTheDocument()
    await user.click(within(card).getByRole('button', { name: 'Скопировать: ID клиента' }))
    expect(await navigator.clipboard.readText()).toBe(session.clientId)
  })

  it('moves a dialogue to "Спам" and back, and shows a client\'s attachment as a link', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'spam-1', name: 'Рассыльщик' }, 'Купите!')
    await callApi(c.admin, 'POST', `/sessions/${session.id}/clients/messages`, {
      body: 'Прайс',
      attachments: [
        { name: 'прайс.pdf', contentType: 'application/pdf', size: 1000, url: 'https://files.example.ru/price.pdf' },
      ],
    })
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
    const log = await screen.findByRole('log', { name: 'Сообщения' })
    expect(await within(log).findByRole('link', { name: 'прайс.pdf' })).toHaveAttribute(
      'href',
      'https://files.example.ru/price.pdf',
    )

    await user.click(await screen.findByRole('button', { name: 'Спам' }))
    // It leaves the list (here the only dialogue, so the list is empty).
    expect(await screen.findByText('Диалогов пока нет')).toBeInTheDocument()
    await user.click(screen.getByRole('checkbox', { name: 'Спам' }))
    expect(await within(await dialogueList()).findByRole('link', { name: /Рассыльщик/ })).toBeInTheDocument()
    await user.click(await screen.findByRole('button', { name: 'Не спам' }))
    await user.click(screen.getByRole('checkbox', { name: 'Спам' }))
    expect(await within(await dialogueList()).findByRole('link', { name: /Рассыльщик/ })).toBeInTheDocument()
  })

  it("lets an admin add a channel, and an operator pass a dialogue to a group's online member", async () => {
    const c = await newCompany()
    const admin = renderApp('/catalog/chats', { as: c.admin })
    await admin.user.click(await screen.findByRole('button', { name: 'Новый канал' }))
    const form = await screen.findByRole('dialog', { name: 'Новый канал' })
    await admin.user.type(within(form).getByRole('textbox', { name: 'Название' }), 'Сайт')
    await admin.user.clear(within(form).getByRole('spinbutton', { name: 'SL первого ответа, секунд' }))
    await admin.user.type(within(form).getByRole('spinbutton', { name: 'SL первого ответа, секунд' }), '-5')
    await admin.user.click(within(form).getByRole('button', { name: 'Создать' }))
    // Bad input stays in the form with the reason beside it.
    expect(await within(form).findByText('Не меньше 0')).toBeInTheDocument()
    await admin.user.clear(within(form).getByRole('spinbutton', { name: 'SL первого ответа, секунд' }))
    await admin.user.type(within(form).getByRole('spinbutton', { name: 'SL первого ответа, секунд' }), '60')
    await admin.user.click(within(form).getByRole('button', { name: 'Создать' }))
    expect(await within(await screen.findByRole('list', { name: 'Каналы' })).findByText('Сайт')).toBeInTheDocument()

    await callApi(c.admin, 'POST', '/operator-groups', { name: 'Отдел продаж', memberIds: [c.supervisor.id] })
    const session = await startDialogue(c.admin, { externalId: 'buyer', name: 'Покупатель' }, 'Хочу купить')
    admin.router.dispose()
    // The supervisor has the panel open elsewhere: its live stream is what makes them «на связи».
    const elsewhere = new AbortController()
    await fetch(`${baseUrl}/events`, {
      headers: { authorization: `Bearer ${c.supervisor.token}` },
      signal: elsewhere.signal,
    })
    try {
      const operator = renderApp(`/dialogs/${session.id}`, { as: c.operator })
      await operator.user.click(await screen.findByRole('button', { name: 'Передать' }))
      const picker = await screen.findByRole('dialog', { name: 'Передать диалог' })
      expect(await within(picker).findByRole('option', { name: /Отдел продаж/ })).toHaveTextContent('На связи: 1 из 1')
      expect(within(picker).getByRole('option', { name: new RegExp(c.supervisor.name) })).toHaveTextContent('на связи')
      await operator.user.click(within(picker).getByRole('option', { name: /Отдел продаж/ }))
      expect(await screen.findByText(`Диалог передан группе «Отдел продаж»: ${c.supervisor.name}`)).toBeInTheDocument()
    } finally {
      elsewhere.abort()
    }
  })

  it('switches the operator between "на связи" and "отошёл"', async () => {
    const c = await newCompany()
    const { user } = renderApp('/dialogs', { as: c.operator })
    const status = await screen.findByRole('switch', { name: 'На связи' })
    expect(status).toBeChecked()
    await user.click(status)
    await waitFor(() => expect(status).not.toBeChecked())
    const operators = await callApi<{ items: { id: string; status: string }[] }>(c.admin, 'GET', '/operators')
    expect(operators.items.find((o) => o.id === c.operator.id)?.status).toBe('away')
  })
})

describe('company settings', () => {
  it("lets an admin set the company's time zone, which the CSV export then uses", async () => {
    const c = await newCompany()
    const { user } = renderApp('/catalog/company', { as: c.admin })
    const zone = await screen.findByRole('combobox', { name: 'Часовой пояс' })
    expect(zone).toHaveValue('Europe/Moscow')
    await user.selectOptions(zone, 'Asia/Yekaterinburg')
    expect(await screen.findByText('Часовой пояс компании: Asia/Yekaterinburg')).toBeInTheDocument()
    expect((await callApi<{ timeZone: string }>(c.admin, 'GET', '/company')).timeZone).toBe('Asia/Yekaterinburg')
  })
})
