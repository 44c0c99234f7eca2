import { screen } from '@testing-library/react'
import { callApi, newCompany, startDialogue, type WebTestUser } from '../support/web-render'

// Shared by the attributes-card tests: a company with attributes and a client in a dialogue.
export type Value = { id: string; name: string; value: string | null; version: number }
export type HistoryItem = { oldValue: string | null; newValue: string | null; source: string }

export const card = () => screen.findByRole('region', { name: 'О клиенте' })

export const valueOf = async (user: WebTestUser, clientId: string, attributeId: string) =>
  (await callApi<{ items: Value[] }>(user, 'GET', `/clients/${clientId}/attributes`)).items.find(
    (a) => a.id === attributeId,
  )!

export const setValue = (user: WebTestUser, clientId: string, attributeId: string, value: string | null) =>
  callApi(user, 'POST', `/clients/${clientId}/attributes/${attributeId}`, { value })

export const historyOf = (user: WebTestUser, clientId: string, attributeId: string) =>
  callApi<{ items: HistoryItem[] }>(user, 'GET', `/clients/${clientId}/attributes/${attributeId}/history`)

export async function scene(attributes: Record<string, unknown>[]) {
  const c = await newCompany()
  const ids: string[] = []
  for (const a of attributes) ids.push((await callApi<{ id: string }>(c.admin, 'POST', '/clients/attributes', a)).id)
  const session = await startDialogue(c.admin, { externalId: `client-${ids.length}`, name: 'Ольга' }, 'Здравствуйте')
  return { c, ids, clientId: session.clientId, sessionId: session.id }
}
