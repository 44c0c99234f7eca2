import { screen, within } from '@testing-library/react'
import { callApi, newCompany, type WebTestCompany, type WebTestUser } from '../support/web-render'

// Shared by the directory, history and review tests: clients, attributes and tags over the real API.
type Client = { id: string; name: string }

export const createClient = (c: WebTestCompany, name: string) =>
  callApi<Client>(c.operator, 'POST', '/clients', { name })

/** Many clients quickly: in parallel batches, which the service takes as fast as one by one, or faster. */
export async function createClients(c: WebTestCompany, names: string[], batch = 25) {
  const created: Client[] = []
  for (let i = 0; i < names.length; i += batch) {
    created.push(...(await Promise.all(names.slice(i, i + batch).map((name) => createClient(c, name)))))
  }
  return created
}

export const createAttribute = (c: WebTestCompany, body: { name: string; type?: string; options?: string[] }) =>
  callApi<{ id: string }>(c.admin, 'POST', '/clients/attributes', body)

export const createClientTag = (c: WebTestCompany, tag: string) =>
  callApi<{ id: string }>(c.admin, 'POST', '/clients/tags', { tag })

export const setValue = (user: WebTestUser, clientId: string, attributeId: string, value: string | null) =>
  callApi(user, 'POST', `/clients/${clientId}/attributes/${attributeId}`, { value })

export const addTag = (user: WebTestUser, clientId: string, tagId: string) =>
  callApi(user, 'PUT', `/clients/${clientId}/tags/${tagId}`)

export async function directoryScene() {
  const c = await newCompany()
  const hobby = await createAttribute(c, { name: 'Увлечение' })
  const age = await createAttribute(c, { name: 'Возраст', type: 'number' })
  const vip = await createClientTag(c, 'ВИП-клиент')
  const [anna, boris, vera] = await createClients(c, ['Анна', 'Борис', 'Вера'])
  await setValue(c.operator, anna!.id, hobby.id, 'рыбалка')
  await setValue(c.operator, boris!.id, hobby.id, 'шахматы')
  await setValue(c.operator, vera!.id, hobby.id, 'рыбалка')
  await setValue(c.operator, vera!.id, age.id, '34')
  await addTag(c.operator, anna!.id, vip.id)
  await addTag(c.operator, boris!.id, vip.id)
  return { c, hobby, age, vip, anna: anna!, boris: boris!, vera: vera! }
}

export const grid = () => screen.findByRole('grid', { name: 'Клиенты' })

/** The client rows in the DOM (the header row is the first row of the grid). */
export const bodyRows = () =>
  within(screen.getByRole('grid', { name: 'Клиенты' }))
    .getAllByRole('row')
    .slice(1)

/** The name cell of each row in the DOM (the first after a supervisor's tick box), in order. */
export const shownNames = () =>
  bodyRows().map(
    (row) =>
      within(row)
        .queryAllByRole('gridcell')
        .find((cell) => !within(cell).queryByRole('checkbox'))?.textContent ?? '',
  )

export const searchOf = (router: { state: { location: { search: string } } }) =>
  new URLSearchParams(router.state.location.search)
