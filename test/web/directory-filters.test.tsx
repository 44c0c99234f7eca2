import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../support/web-render'
import { directoryScene, grid, searchOf, shownNames } from './directory-scene'

describe('client directory: filters', () => {
  it('filters by a tag and an attribute value, says the filters in words, keeps them in the URL and restores them from it', async () => {
    const { c, hobby, vip } = await directoryScene()
    const { user, router } = renderApp('/clients', { as: c.supervisor })
    await grid()
    await waitFor(() => expect(shownNames().sort()).toEqual(['Анна', 'Борис', 'Вера']))

    await user.click(screen.getByRole('button', { name: /^Теги/ }))
    await user.click(await screen.findByRole('option', { name: 'ВИП-клиент' }))
    await user.keyboard('{Escape}')
    await waitFor(() => expect(shownNames().sort()).toEqual(['Анна', 'Борис']))
    const filters = screen.getByRole('list', { name: 'Фильтры' })
    expect(within(filters).getByText('Тег: ВИП-клиент')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Фильтр по параметру' }))
    await user.type(await screen.findByRole('combobox', { name: 'Найти параметр' }), 'увле{Enter}')
    const form = await screen.findByRole('dialog', { name: 'Фильтр: Увлечение' })
    await user.type(within(form).getByRole('textbox', { name: 'Значение' }), 'рыбалка')
    await user.click(within(form).getByRole('button', { name: 'Применить' }))
    await waitFor(() => expect(shownNames()).toEqual(['Анна']))
    expect(within(filters).getByText('Увлечение: рыбалка')).toBeInTheDocument()
    expect(searchOf(router).getAll('tagId')).toEqual([vip.id])
    expect(searchOf(router).get(`attr.${hobby.id}`)).toBe('рыбалка')

    // A bookmark or a link sent to a colleague: a fresh panel at the same address shows the same view.
    const address = router.state.location.pathname + router.state.location.search
    cleanup()
    renderApp(address, { as: c.supervisor })
    await grid()
    await waitFor(() => expect(shownNames()).toEqual(['Анна']))
    const restored = screen.getByRole('list', { name: 'Фильтры' })
    expect(within(restored).getByText('Тег: ВИП-клиент')).toBeInTheDocument()
    expect(await within(restored).findByText('Увлечение: рыбалка')).toBeInTheDocument()
  })

  it('filters by "заполнен" and "не заполнен", refuses a value the type does not accept, and removes a chip', async () => {
    const { c, age } = await directoryScene()
    const { user, router } = renderApp('/clients', { as: c.supervisor })
    await grid()
    await waitFor(() => expect(shownNames()).toHaveLength(3))

    await user.click(screen.getByRole('button', { name: 'Фильтр по параметру' }))
    await user.click(await screen.findByRole('option', { name: /Возраст/ }))
    const form = await screen.findByRole('dialog', { name: 'Фильтр: Возраст' })
    await user.type(within(form).getByRole('textbox', { name: 'Значение' }), 'abc')
    await user.click(within(form).getByRole('button', { name: 'Применить' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('Ожидается число')
    expect(searchOf(router).has(`attr.${age.id}`)).toBe(false)

    await user.click(within(form).getByRole('radio', { name: 'заполнен' }))
    await user.click(within(form).getByRole('button', { name: 'Применить' }))
    await waitFor(() => expect(shownNames()).toEqual(['Вера']))
    expect(screen.getByRole('list', { name: 'Фильтры' })).toHaveTextContent('Возраст заполнен')
    expect(searchOf(router).get(`attr.${age.id}`)).toBe('*')

    // Another condition on the same attribute replaces the first: the API takes one per attribute.
    await user.click(screen.getByRole('button', { name: 'Фильтр по параметру' }))
    await user.click(await screen.findByRole('option', { name: /Возраст/ }))
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Фильтр: Возраст' })).getByRole('radio', {
        name: 'не заполнен',
      }),
    )
    await user.click(screen.getByRole('button', { name: 'Применить' }))
    await waitFor(() => expect(shownNames().sort()).toEqual(['Анна', 'Борис']))
    expect(searchOf(router).getAll(`attr.${age.id}`)).toEqual([''])

    await user.click(screen.getByRole('button', { name: 'Убрать фильтр «Возраст не заполнен»' }))
    await waitFor(() => expect(shownNames()).toHaveLength(3))
    expect(router.state.location.search).toBe('')
  })
})

describe('client directory: ranges', () => {
  it('filters a number by a range, refuses a start after the end, and says the range in words', async () => {
    const { c, age } = await directoryScene()
    const { user, router } = renderApp('/clients', { as: c.supervisor })
    await grid()
    await waitFor(() => expect(shownNames()).toHaveLength(3))

    await user.click(screen.getByRole('button', { name: 'Фильтр по параметру' }))
    await user.click(await screen.findByRole('option', { name: /Возраст/ }))
    const form = await screen.findByRole('dialog', { name: 'Фильтр: Возраст' })
    await user.click(within(form).getByRole('radio', { name: 'от … до …' }))
    await user.type(within(form).getByLabelText('От'), '40')
    await user.type(within(form).getByLabelText('До'), '30')
    await user.click(within(form).getByRole('button', { name: 'Применить' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('«От» больше, чем «до»')

    await user.clear(within(form).getByLabelText('От'))
    await user.type(within(form).getByLabelText('От'), '30')
    await user.clear(within(form).getByLabelText('До'))
    await user.type(within(form).getByLabelText('До'), '40')
    await user.click(within(form).getByRole('button', { name: 'Применить' }))
    await waitFor(() => expect(shownNames()).toEqual(['Вера']))
    expect(screen.getByRole('list', { name: 'Фильтры' })).toHaveTextContent('Возраст от 30 до 40')
    expect(searchOf(router).get(`attr.${age.id}.gte`)).toBe('30')
    expect(searchOf(router).get(`attr.${age.id}.lte`)).toBe('40')
  })
})
