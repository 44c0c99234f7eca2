import { sql } from 'drizzle-orm'
import type { TestProject } from 'vitest/node'
import { makeCompany, startTestApp, TEST_PASSWORD } from './app'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the real chat service the panel tests talk to, e.g. http://127.0.0.1:41234 */
    webApiOrigin: string
  }
}

/**
 * One real chat service for the panel tests, in this (Node) process: the tests run in jsdom and reach
 * it over HTTP like the browser does. Each test makes its own company through a test-only route.
 */
export default async function setup(project: TestProject) {
  const t = await startTestApp()
  t.app.post('/__test/companies', async () => {
    const c = await makeCompany(t)
    const user = async ({ id, name, email, role, token }: typeof c.admin) => ({
      id,
      name,
      email,
      role,
      token,
      // Expired a minute ago: for the panel's refresh and sign-in-again paths.
      expiredToken: await t.tokens.sign({ userId: id, companyId: c.company.id, role }, 'access', -60),
    })
    return {
      company: c.company,
      password: TEST_PASSWORD,
      admin: await user(c.admin),
      supervisor: await user(c.supervisor),
      operator: await user(c.operator),
    }
  })
  // A service process that died in the middle of a company's bulk edits, before their first chunk: they are interrupted.
  t.app.post<{ Params: { companyId: string } }>('/__test/companies/:companyId/crash', async (req) => {
    await t.db.execute(sql`UPDATE change_batches SET status = 'interrupted', done = 0, resume = resume - 'after',
      summary = summary || '{"matched":0,"changed":0}'::jsonb WHERE company_id = ${req.params.companyId}`)
    return { ok: true }
  })
  // The service switched the company's webhooks off after days of failures (the worker's own rule is tested on the service).
  t.app.post<{ Params: { companyId: string } }>('/__test/companies/:companyId/webhooks-failing', async (req) => {
    await t.db.execute(sql`UPDATE webhooks SET active = false, disabled_reason = 'Нет доставок 3 дня'
      WHERE company_id = ${req.params.companyId}`)
    return { ok: true }
  })
  // A company as large as a big support team's, set in one statement (the API would take minutes).
  t.app.post<{ Params: { companyId: string }; Body: { count: number } }>(
    '/__test/companies/:companyId/clients',
    async (req) => {
      await t.db.execute(sql`INSERT INTO clients (company_id, external_id, name)
        SELECT ${req.params.companyId}, 'bulk-' || i, 'Клиент ' || i FROM generate_series(1, ${req.body.count}) i`)
      return { ok: true }
    },
  )
  const origin = await t.app.listen({ port: 0, host: '127.0.0.1' })
  project.provide('webApiOrigin', origin)
  return () => t.close()
}
