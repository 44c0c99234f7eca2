import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll } from 'vitest'
import type { Role } from '@shared/common'
import { buildApp, type AppOptions } from '../../src/server/app'
import { createTokenService } from '../../src/server/modules/auth'
import { openDatabase } from '../../src/server/db/client'
import { holdPresence } from '../../src/server/db/presence'
import { createLocalBus, createPostgresBus } from '../../src/server/modules/events'
import { createCompany, hashPassword } from '../../src/server/modules/accounts'
import { users } from '../../src/server/db/schema'

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789'
export const TEST_PASSWORD = 'secret-pass-1'
export const TEST_DELIVERY = { allowInternal: true, retryDelaysMs: [100, 200, 400], pollMs: 50 }

/**
 * The real service on a real database: in-memory PGlite, or PostgreSQL when DATABASE_URL is set
 * (migrated once by the global setup). Each test file gets its own; tests make their own companies.
 */
export async function startTestApp(
  opts: {
    listen?: boolean
    webRoot?: string
    loginRateLimit?: number
    logger?: AppOptions['logger']
    bodyLimits?: AppOptions['bodyLimits']
    webhookDelivery?: AppOptions['webhookDelivery']
  } = {},
) {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: null })
  if (database.kind === 'pglite') await database.migrate()
  const bus = database.kind === 'postgres' ? await createPostgresBus(database.pool, () => {}) : createLocalBus()
  // Each test service is a process of its own to the batches it runs.
  const presence = await holdPresence(database, randomUUID())
  const tokens = createTokenService(TEST_SECRET)
  const app = await buildApp({
    db: database.db,
    bus,
    tokens,
    accessTokenTtlSeconds: 900,
    loginRateLimit: opts.loginRateLimit ?? 1000,
    instanceId: presence.id,
    webRoot: opts.webRoot,
    logger: opts.logger,
    bodyLimits: opts.bodyLimits,
    // Receivers of tests listen on 127.0.0.1; retries come within a second.
    webhookDelivery: opts.webhookDelivery ?? TEST_DELIVERY,
  })
  const url = opts.listen ? await app.listen({ port: 0, host: '127.0.0.1' }) : ''
  return {
    app,
    db: database.db,
    tokens,
    url,
    async close() {
      await app.close()
      await bus.close()
      await presence.release()
      await database.close()
    },
  }
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>

// Hashed once per test process: scrypt takes ~50 ms a call, and every test makes three users.
let testPasswordHash: Promise<string> | undefined

/** A fresh company with one user per role; returns their ids and access tokens. */
export async function makeCompany(t: TestApp, name = `Компания ${randomUUID().slice(0, 8)}`) {
  const company = await createCompany(t.db, name)
  const suffix = randomUUID().slice(0, 8)
  testPasswordHash ??= hashPassword(TEST_PASSWORD)
  const passwordHash = await testPasswordHash
  const make = async (role: Role, label: string) => {
    const [user] = await t.db
      .insert(users)
      .values({
        companyId: company.id,
        email: `${role}-${suffix}@test.ru`,
        name: `${label} ${suffix}`,
        role,
        passwordHash,
      })
      .returning({ id: users.id, name: users.name, email: users.email, role: users.role })
    const token = await t.tokens.sign({ userId: user!.id, companyId: company.id, role }, 'access', 900)
    return { ...user!, token, auth: { authorization: `Bearer ${token}` } }
  }
  const [admin, supervisor, operator] = await Promise.all([
    make('admin', 'Админ'),
    make('supervisor', 'Руководитель'),
    make('operator', 'Оператор'),
  ])
  return { company, admin, supervisor, operator }
}

export type TestCompany = Awaited<ReturnType<typeof makeCompany>>

/** The service of the current test file, and two companies in it (`other` to prove isolation). */
export let t: TestApp
export let c: TestCompany
export let other: TestCompany

/**
 * The preamble of a service test file: the real service on a real database before its tests, closed
 * after them. `t`, `c` and `other` above are set by the time a test runs (ES module live bindings).
 */
export function useTestApp(opts: Parameters<typeof startTestApp>[0] = {}) {
  beforeAll(async () => {
    t = await startTestApp(opts)
    ;[c, other] = await Promise.all([makeCompany(t), makeCompany(t)])
  })
  afterAll(() => t?.close())
}
