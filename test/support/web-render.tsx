import '@shared/zod-locale'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { inject } from 'vitest'
import { Providers } from '@/app/providers'
import { routes } from '@/app/router'
import { endSession, setBaseUrl, startSession } from '@/lib/auth-store'
import { createQueryClient } from '@/lib/query-client'

export const apiOrigin = inject('webApiOrigin')
export const baseUrl = `${apiOrigin}/api/v1`

type Role = 'operator' | 'supervisor' | 'admin'
export interface WebTestUser {
  id: string
  name: string
  email: string
  role: Role
  token: string
  expiredToken: string
}
export interface WebTestCompany {
  company: { id: string; name: string }
  password: string
  admin: WebTestUser
  supervisor: WebTestUser
  operator: WebTestUser
}

/** A fresh company with one user per role on the real service, so tests never share data. */
export async function newCompany(): Promise<WebTestCompany> {
  const res = await fetch(`${apiOrigin}/__test/companies`, { method: 'POST' })
  if (!res.ok) throw new Error(`test company: ${res.status}`)
  return res.json() as Promise<WebTestCompany>
}

/** The service process dies in the middle of the company's bulk edits (before their first chunk): they are interrupted. */
export async function crashDuringBulkEdits(c: WebTestCompany) {
  const res = await fetch(`${apiOrigin}/__test/companies/${c.company.id}/crash`, { method: 'POST' })
  if (!res.ok) throw new Error(`crash: ${res.status}`)
}

/** The service has switched the company's webhooks off after days of failures. */
export async function failWebhooks(c: WebTestCompany) {
  const res = await fetch(`${apiOrigin}/__test/companies/${c.company.id}/webhooks-failing`, { method: 'POST' })
  if (!res.ok) throw new Error(`webhooks failing: ${res.status}`)
}

/** The company gets `count` more clients at once, named «Клиент 1»… */
export async function addManyClients(c: WebTestCompany, count: number) {
  const res = await fetch(`${apiOrigin}/__test/companies/${c.company.id}/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count }),
  })
  if (!res.ok) throw new Error(`clients: ${res.status}`)
}

/** Calls the API as a user, the way a channel or an integration would, to set the scene. */
export async function callApi<T = unknown>(
  user: WebTestUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${user.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return (res.status === 204 ? null : await res.json()) as T
}

export const startDialogue = (user: WebTestUser, client: { externalId: string; name?: string }, message: string) =>
  callApi<{ id: string; clientId: string }>(user, 'POST', '/sessions', { client, message })

/** Signs in over the API: a real token pair, refresh token included. */
export async function login(user: WebTestUser, password: string, ttl?: number) {
  const res = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password, ttl }),
  })
  if (!res.ok) throw new Error(`login: ${res.status}`)
  return res.json() as Promise<{ authToken: string; refreshToken: string }>
}

type SessionTokens = { authToken: string; refreshToken: string | null }

/**
 * The real routes in a memory router against the real service: signed in as `as` (its access token),
 * with the given tokens, or signed out.
 */
export function renderApp(path: string, { as, session }: { as?: WebTestUser; session?: SessionTokens } = {}) {
  setBaseUrl(baseUrl)
  const tokens = session ?? (as && { authToken: as.token, refreshToken: null })
  if (tokens) startSession({ baseUrl, ...tokens })
  else endSession('signed-out')
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  const user = userEvent.setup()
  render(
    <Providers queryClient={createQueryClient()}>
      <RouterProvider router={router} />
    </Providers>,
  )
  return { user, router }
}
