import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callApi, newCompany, renderApp } from '../support/web-render'
import { createAttribute, createClient, setValue } from './directory-scene'

type Value = { id: string; value: string | null }
const valueOf = async (c: Awaited<ReturnType<typeof newCompany>>, clientId: string, attributeId: string) =>
  (await callApi<{ items: Value[] }>(c.supervisor, 'GET', `/clients/${clientId}/attributes`)).items.find(
    (a) => a.id === attributeId,
  )!.value

const timeline = () => screen.findByRole('list', { name: 'История изменений' })
const entries = async () => within(await timeline()).getAllByRole('listitem')

describe('client page: history', () => {
  it('shows who changed what, and a supervisor puts back the value an operator overwrote', async () => {
    const c = await newCompany()
    const hobby = await createAttribute(c, { name: 'Увлечение' })
    const client = await createClient(c, 'Ольга')
    await setValue(c.operator, client.id, hobby.id, 'рыбалка')
    await setValue(c.operator, client.id, hobby.id, 'охота')

    const { user } = renderApp(`/clients/${client.id}`, { as: c.supervisor })
    expect(await screen.findByRole('region', { name: 'О клиенте' })).toBeInTheDocument()
    await waitFor(async () => expect(await entries()).toHaveLength(2))
    const [latest, first] = await entries()
    expect(latest).toHaveTextContent(c.operator.name)
    expect(latest).toHaveTextContent(/Увлечение:.*рыбалка.*→.*охота/)
    expect(first).toHaveTextContent(/не заполнено.*→.*рыбалка/)
    // The button names the value it puts back (the one before this change) and asks first.
    await user.click(within(latest!).getByRole('button', { name: 'Вернуть «рыбалка»' }))
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Вернуть «рыбалка»?' })).getByRole('button', {
        name: 'Вернуть',
      }),
    )
    await waitFor(async () => expect(await entries()).toHaveLength(3))
    const [revert] = await entries()
    expect(revert).toHaveTextContent(c.supervisor.name)
    expect(revert).toHaveTextContent('панель')
    expect(revert).toHaveTextContent(/охота.*→.*рыбалка/)
    expect(await screen.findByText('Значение возвращено: Увлечение — рыбалка')).toBeInTheDocument()
    expect(await valueOf(c, client.id, hobby.id)).toBe('рыбалка')
    // The card shows the value put back.
    expect(
      await within(screen.getByRole('region', { name: 'О клиенте' })).findByRole('button', {
        name: 'Увлечение: рыбалка',
      }),
    ).toBeInTheDocument()
  })

  it('says why a value cannot be put back when its type no longer accepts it, and changes nothing', async () => {
    const c = await newCompany()
    const plan = await createAttribute(c, { name: 'Тариф', type: 'select', options: ['Старый', 'Новый'] })
    const client = await createClient(c, 'Павел')
    await setValue(c.operator, client.id, plan.id, 'Старый')
    await setValue(c.operator, client.id, plan.id, 'Новый')
    await callApi(c.admin, 'PATCH', `/clients/attributes/${plan.id}`, { options: ['Новый', 'Премиум'] })

    const { user } = renderApp(`/clients/${client.id}`, { as: c.admin })
    await waitFor(async () => expect(await entries()).toHaveLength(2))
    const [latest] = await entries()
    await user.click(within(latest!).getByRole('button', { name: 'Вернуть «Старый»' }))
    const confirm = await screen.findByRole('dialog', { name: 'Вернуть «Старый»?' })
    await user.click(within(confirm).getByRole('button', { name: 'Вернуть' }))
    expect(await within(confirm).findByRole('alert')).toHaveTextContent(/Новый, Премиум/)
    await user.click(within(confirm).getByRole('button', { name: 'Отмена' }))
    expect(await entries()).toHaveLength(2)
    expect(await valueOf(c, client.id, plan.id)).toBe('Новый')
  })

  it('lets an operator read the history but not revert, and hides "Проверка" from them', async () => {
    const c = await newCompany()
    const hobby = await createAttribute(c, { name: 'Увлечение' })
    const client = await createClient(c, 'Ольга')
    await setValue(c.operator, client.id, hobby.id, 'рыбалка')

    renderApp(`/clients/${client.id}`, { as: c.operator })
    await waitFor(async () => expect(await entries()).toHaveLength(1))
    expect((await entries())[0]).toHaveTextContent(/рыбалка/)
    expect(screen.queryByRole('button', { name: /^Вернуть/ })).not.toBeInTheDocument()
    const nav = screen.getByRole('navigation', { name: 'Разделы' })
    expect(within(nav).getByRole('link', { name: /Клиенты/ })).toBeInTheDocument()
    expect(within(nav).queryByRole('link', { name: /Проверка/ })).not.toBeInTheDocument()
  })
})
