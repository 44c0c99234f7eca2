import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue, type WebTestUser } from '../support/web-render'

const createTag = (admin: WebTestUser, kind: 'clients' | 'sessions', tag: string) =>
  callApi<{ id: string }>(admin, 'POST', `/${kind}/tags`, { tag })

const linksIn = async (name: string) => within(await screen.findByRole('list', { name })).getAllByRole('link')
// The client directory is a grid; its first row is the header.
const clientRows = async () =>
  within(await screen.findByRole('grid', { name: 'Клиенты' }))
    .getAllByRole('row')
    .slice(1)

describe('filtering by tags', () => {
  it('finds the dialogue tagged "предоплата", shows session tags as chips and keeps the filter in the URL', async () => {
    const c = await newCompany()
    const prepaid = await createTag(c.admin, 'sessions', 'предоплата')
    await createTag(c.admin, 'sessions', 'кредит')
    const tagged = await startDialogue(c.admin, { externalId: 'a', name: 'Алла' }, 'Оплачу заранее')
    await startDialogue(c.admin, { externalId: 'b', name: 'Богдан' }, 'Просто вопрос')
    await callApi(c.operator, 'PUT', `/sessions/${tagged.id}/tags/${prepaid.id}`)

    const { user, router } = renderApp('/dialogs', { as: c.operator })
    await waitFor(async () => expect(await linksIn('Диалоги')).toHaveLength(2))
    const alla = (await linksIn('Диалоги')).find((a) => a.textContent?.includes('Алла'))
    expect(alla).toHaveTextContent('предоплата')

    await user.click(screen.getByRole('button', { name: /^Теги/ }))
    await screen.findByRole('dialog', { name: 'Фильтр по тегам' })
    await user.keyboard('пред{Enter}{Escape}')
    await waitFor(async () =>
      expect((await linksIn('Диалоги')).map((a) => a.textContent)).toEqual([expect.stringMatching(/Алла/)]),
    )
    expect(new URLSearchParams(router.state.location.search).getAll('tagId')).toEqual([prepaid.id])

    await user.click(screen.getByRole('button', { name: 'Убрать фильтр «предоплата»' }))
    await waitFor(async () => expect(await linksIn('Диалоги')).toHaveLength(2))
    expect(router.state.location.search).toBe('')
  })

  it('reads the tag filter from a link, together with the other filters', async () => {
    const c = await newCompany()
    const credit = await createTag(c.admin, 'sessions', 'кредит')
    const open = await startDialogue(c.admin, { externalId: 'v', name: 'Василий' }, 'Хочу в кредит')
    const closed = await startDialogue(c.admin, { externalId: 'g', name: 'Галя' }, 'Тоже кредит')
    for (const s of [open, closed]) await callApi(c.admin, 'PUT', `/sessions/${s.id}/tags/${credit.id}`)
    await callApi(c.admin, 'DELETE', `/sessions/${closed.id}`)

    renderApp(`/dialogs?status=open&tagId=${credit.id}`, { as: c.operator })
    await waitFor(async () =>
      expect((await linksIn('Диалоги')).map((a) => a.textContent)).toEqual([expect.stringMatching(/Василий/)]),
    )
    expect(await screen.findByRole('button', { name: 'Убрать фильтр «кредит»' })).toBeInTheDocument()
  })

  it("finds dialogues by their client's tag and shows the client's tags on each dialogue", async () => {
    const c = await newCompany()
    const vip = await createTag(c.admin, 'clients', 'ВИП-клиент')
    const vipDialogue = await startDialogue(c.admin, { externalId: 'z', name: 'Зоя' }, 'Здравствуйте')
    await startDialogue(c.admin, { externalId: 'y', name: 'Юрий' }, 'Добрый день')
    await callApi(c.admin, 'PUT', `/clients/${vipDialogue.clientId}/tags/${vip.id}`)

    const { user, router } = renderApp('/dialogs', { as: c.operator })
    await waitFor(async () => expect(await linksIn('Диалоги')).toHaveLength(2))
    expect((await linksIn('Диалоги')).find((a) => a.textContent?.includes('Зоя'))).toHaveTextContent('ВИП-клиент')

    await user.click(screen.getByRole('button', { name: /^Теги/ }))
    await user.click(await screen.findByRole('option', { name: 'ВИП-клиент' }))
    await user.keyboard('{Escape}')
    await waitFor(async () =>
      expect((await linksIn('Диалоги')).map((a) => a.textContent)).toEqual([expect.stringMatching(/Зоя/)]),
    )
    expect(new URLSearchParams(router.state.location.search).getAll('clientTagId')).toEqual([vip.id])
  })

  it('filters the client list by a client tag, in the URL', async () => {
    const c = await newCompany()
    const vip = await createTag(c.admin, 'clients', 'ВИП-клиент')
    const s = await startDialogue(c.admin, { externalId: 'd', name: 'Дарья' }, 'Привет')
    await startDialogue(c.admin, { externalId: 'e', name: 'Евгений' }, 'Привет')
    await callApi(c.admin, 'PUT', `/clients/${s.clientId}/tags/${vip.id}`)

    const { user, router } = renderApp('/clients', { as: c.operator })
    await waitFor(async () => expect(await clientRows()).toHaveLength(2))
    await user.click(screen.getByRole('button', { name: /^Теги/ }))
    await user.click(await screen.findByRole('option', { name: 'ВИП-клиент' }))
    await user.keyboard('{Escape}')

    await waitFor(async () =>
      expect((await clientRows()).map((r) => r.textContent)).toEqual([expect.stringMatching(/Дарья.*ВИП-клиент/)]),
    )
    expect(new URLSearchParams(router.state.location.search).getAll('tagId')).toEqual([vip.id])
    await user.type(screen.getByRole('searchbox', { name: 'Поиск клиентов' }), 'Евг')
    await waitFor(() => expect(screen.getByText('Никого не нашлось')).toBeInTheDocument())
    expect(new URLSearchParams(router.state.location.search).getAll('tagId')).toEqual([vip.id])
  })

  it('filters the client list by the absence of a tag, with its chip and in the URL', async () => {
    const c = await newCompany()
    const vip = await createTag(c.admin, 'clients', 'ВИП-клиент')
    const s = await startDialogue(c.admin, { externalId: 'd', name: 'Дарья' }, 'Привет')
    await startDialogue(c.admin, { externalId: 'e', name: 'Евгений' }, 'Привет')
    await callApi(c.admin, 'PUT', `/clients/${s.clientId}/tags/${vip.id}`)

    const { user, router } = renderApp('/clients', { as: c.supervisor })
    await waitFor(async () => expect(await clientRows()).toHaveLength(2))
    await user.click(screen.getByRole('button', { name: /^Теги/ }))
    await user.click(await screen.findByRole('button', { name: 'Без тега', pressed: false }))
    await user.click(await screen.findByRole('option', { name: 'ВИП-клиент' }))
    await user.keyboard('{Escape}')

    await waitFor(async () =>
      expect((await clientRows()).map((r) => r.textContent)).toEqual([expect.stringMatching(/Евгений/)]),
    )
    const search = new URLSearchParams(router.state.location.search)
    expect([search.getAll('withoutTagId'), search.getAll('tagId')]).toEqual([[vip.id], []])
    await user.click(screen.getByRole('button', { name: 'Убрать фильтр «Без тега: ВИП-клиент»' }))
    await waitFor(async () => expect(await clientRows()).toHaveLength(2))
  })
})
