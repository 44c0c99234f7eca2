import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callApi, newCompany, renderApp } from '../support/web-render'
import { addTag, createAttribute, createClient, createClientTag, setValue } from './directory-scene'

const queue = () => screen.findByRole('list', { name: 'Очередь проверки' })
const cards = async () => within(await queue()).getAllByRole('article')
const pendingIds = async (c: Awaited<ReturnType<typeof newCompany>>) =>
  (await callApi<{ items: { client: { id: string } }[] }>(c.supervisor, 'GET', '/reviews/pending')).items.map(
    (r) => r.client.id,
  )

async function reviewScene() {
  const c = await newCompany()
  const hobby = await createAttribute(c, { name: 'Увлечение' })
  const vip = await createClientTag(c, 'ВИП-клиент')
  const olga = await createClient(c, 'Ольга')
  const pavel = await createClient(c, 'Павел')
  // Ольга's card changed first, so it waits longest and comes first.
  await setValue(c.operator, olga.id, hobby.id, 'рыбалка')
  await setValue(c.operator, olga.id, hobby.id, 'охота')
  await addTag(c.operator, olga.id, vip.id)
  await setValue(c.operator, pavel.id, hobby.id, 'шахматы')
  return { c, olga, pavel }
}

describe('"Проверка": the review queue', () => {
  it('shows what an operator changed, by whom, and "Проверено" clears the card', async () => {
    const { c, olga, pavel } = await reviewScene()
    const { user } = renderApp('/reviews', { as: c.supervisor })
    const nav = await screen.findByRole('navigation', { name: 'Разделы' })
    expect(await within(nav).findByRole('link', { name: /Проверка.*ждут: 2/ })).toBeInTheDocument()

    await waitFor(async () => expect(await cards()).toHaveLength(2))
    const [first] = await cards()
    expect(within(first!).getByRole('heading', { name: 'Ольга' })).toBeInTheDocument()
    expect(within(first!).getByRole('link', { name: 'Ольга' })).toHaveAttribute('href', `/clients/${olga.id}`)
    // The net change since the last review, not each step: nothing → охота, through рыбалка.
    const hobbyLine = within(first!).getByText('Увлечение').closest('li')!
    expect(within(hobbyLine).getByText('не заполнено').closest('del')).toBeInTheDocument()
    expect(within(hobbyLine).getByText('охота').closest('ins')).toBeInTheDocument()
    expect(hobbyLine).toHaveTextContent(c.operator.name)
    expect(hobbyLine).toHaveTextContent('2 изменения')
    expect(within(first!).getByText(/^Тег/).closest('li')).toHaveTextContent(/ВИП-клиент\s*добавлен/)

    await user.click(within(first!).getByRole('button', { name: 'Проверено' }))
    await waitFor(async () =>
      expect((await cards()).map((a) => a.getAttribute('aria-labelledby'))).toEqual([`review-${pavel.id}`]),
    )
    await waitFor(async () => expect(await pendingIds(c)).toEqual([pavel.id]))
    expect(await within(nav).findByRole('link', { name: /Проверка.*ждут: 1/ })).toBeInTheDocument()
  })

  it('is worked from the keyboard: j/k and arrows move, Enter opens, x marks reviewed', async () => {
    const { c, olga } = await reviewScene()
    const { user, router } = renderApp('/reviews', { as: c.supervisor })
    await waitFor(async () => expect(await cards()).toHaveLength(2))
    expect(screen.getByRole('region', { name: 'Клавиши' })).toHaveTextContent('Ctrl+Enter')
    const [first, second] = await cards()

    await user.click(within(first!).getByText(/изменени/, { selector: 'header p' }))
    expect(first).toHaveFocus()
    await user.keyboard('j')
    expect(second).toHaveFocus()
    await user.keyboard('k')
    expect(first).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(second).toHaveFocus()

    await user.keyboard('x')
    await waitFor(async () => expect(await pendingIds(c)).toEqual([olga.id]))
    await waitFor(async () => expect(await cards()).toHaveLength(1))
    await waitFor(async () => expect((await cards())[0]).toHaveFocus())

    await user.keyboard('{Enter}')
    await waitFor(() => expect(router.state.location.pathname).toBe(`/clients/${olga.id}`))
  })

  it('takes j/k right after arriving from the sidebar, and from anywhere on the page but a field', async () => {
    const { c } = await reviewScene()
    const { user } = renderApp('/clients', { as: c.supervisor })
    const nav = await screen.findByRole('navigation', { name: 'Разделы' })
    await user.click(await within(nav).findByRole('link', { name: /Проверка/ }))
    await waitFor(async () => expect(await cards()).toHaveLength(2))
    const [first, second] = await cards()
    await user.keyboard('j')
    expect(second).toHaveFocus()

    // Focus elsewhere (the page's heading area): the next j starts at the first card.
    await user.click(screen.getByText(/Ждут проверки/))
    await user.keyboard('k')
    expect(first).toHaveFocus()
  })

  it('is not there for operators', async () => {
    const c = await newCompany()
    renderApp('/reviews', { as: c.operator })
    expect(await screen.findByText('Раздел доступен руководителям и администраторам')).toBeInTheDocument()
    expect(
      within(await screen.findByRole('navigation', { name: 'Разделы' })).queryByRole('link', { name: /Проверка/ }),
    ).not.toBeInTheDocument()
  })
})
