import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Batch, BatchUndoResult, BulkResult } from '@shared/batches'
import type { ImportResult } from '@shared/imports'
import { createTokenService } from '../../src/server/modules/auth'
import { openDatabase } from '../../src/server/db/client'
import { makeCompany, TEST_SECRET, type TestApp, type TestCompany } from '../support/app'
import { freePort, startServiceProcess } from '../support/service-process'

// The service as it runs for real, in a process of its own, killed with SIGKILL in the middle of a bulk edit
// and of an import, then started again on the same database.

const CLIENTS = 19_000
const dataDir = mkdtempSync(join(tmpdir(), 'kartoteka-crash-'))
let port = 0
let service: Awaited<ReturnType<typeof startServiceProcess>> | null = null
let co: TestCompany
let tagId = ''

async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
    method,
    headers: {
      ...co.admin.auth,
      ...(typeof body === 'string'
        ? { 'content-type': 'text/csv' }
        : body
          ? { 'content-type': 'application/json' }
          : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : body ? JSON.stringify(body) : undefined,
  })
  return { status: res.status, json: (await res.json()) as T }
}

/** Starts the service (as `npm start` does, from the sources) and waits until it answers. */
async function start() {
  service = await startServiceProcess({ port, dataDir })
}

async function kill() {
  await service!.kill()
  service = null
}

const newest = async (path: '/batches' | '/imports') =>
  (await api<{ items: Batch[] }>('GET', `${path}?limit=1`)).json.items[0]

/**
 * Waits until a batch of a kind newer than `before` has done at least `done` (its chunks commit that far),
 * then kills the service.
 */
async function killAfter(path: '/batches' | '/imports', done: number, before?: string) {
  await expect
    .poll(
      async () => {
        const batch = await newest(path)
        return batch && batch.id !== before ? batch.done : 0
      },
      { timeout: 60_000, interval: 20 },
    )
    .toBeGreaterThanOrEqual(done)
  await kill()
}

/** An import of 20,000 new cards, killed once 1,000 rows are in; the service started again. */
async function importKilled(prefix: string) {
  const rows = Array.from({ length: 20_000 }, (_, i) => `${prefix} ${i};${prefix}-${co.company.id}-${i}`)
  const csv = ['Имя;Внешний ID', ...rows].join('\n')
  const before = (await newest('/imports'))?.id
  const running = api<ImportResult>('POST', '/clients/import?matchBy=none', csv).catch(() => null)
  await killAfter('/imports', 1000, before)
  expect(await running).toBeNull()
  await start()
  const [batch] = (await api<{ items: Batch[] }>('GET', '/imports?limit=1')).json.items
  return { batch: batch!, csv }
}

const count = async (query: string) =>
  (await api<{ count: number }>('GET', `/clients?limit=1&withCount=exact&${query}`)).json.count

beforeAll(async () => {
  port = await freePort()
  // The company, its people and its clients, written straight into the database the service will open.
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATABASE_URL ? null : dataDir,
  })
  await database.migrate()
  co = await makeCompany({ db: database.db, tokens: createTokenService(TEST_SECRET) } as unknown as TestApp)
  await database.db.execute(sql`INSERT INTO clients (company_id, name, external_id)
    SELECT ${co.company.id}, 'Клиент ' || n, 'crash-' || ${co.company.id} || '-' || n FROM generate_series(1, ${CLIENTS}) n`)
  await database.close()
  await start()
  tagId = (await api<{ id: string }>('POST', '/clients/tags', { tag: 'Прошёл массовое изменение' })).json.id
}, 120_000)

afterAll(async () => {
  if (service) await kill()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('a batch whose service process is killed', { timeout: 240_000 }, () => {
  it('a bulk edit becomes interrupted with a true count of what it applied, and resumes as the same batch', async () => {
    const running = api<BulkResult>('POST', '/clients/bulk', { filter: {}, addTags: [tagId] }).catch(() => null)
    await killAfter('/batches', 2000)
    expect(await running).toBeNull()
    await start()

    const batch = (await api<{ items: Batch[] }>('GET', '/batches?limit=1')).json.items[0]!
    expect(batch).toMatchObject({ status: 'interrupted', total: CLIENTS })
    const tagged = await count(`tagId=${tagId}`)
    expect(tagged).toBeGreaterThanOrEqual(2000)
    expect(tagged).toBeLessThan(CLIENTS)
    expect(batch.done).toBe(tagged)
    expect(batch.summary).toMatchObject({ matched: tagged, changed: tagged })

    const resumed = await api<BulkResult>('POST', `/batches/${batch.id}/resume`)
    expect(resumed.status).toBe(200)
    expect(resumed.json).toEqual({ batchId: batch.id, matched: CLIENTS, changed: CLIENTS })
    expect(await count(`tagId=${tagId}`)).toBe(CLIENTS)
    expect((await api<Batch>('GET', `/batches/${batch.id}`)).json).toMatchObject({
      status: 'done',
      done: CLIENTS,
      total: CLIENTS,
    })
    expect((await api('POST', `/batches/${batch.id}/resume`)).status).toBe(409)

    // One undo takes back both parts.
    const undone = await api<BatchUndoResult>('POST', `/batches/${batch.id}/undo`)
    expect(undone.json).toMatchObject({ reverted: CLIENTS, kept: 0 })
    expect(await count(`tagId=${tagId}`)).toBe(0)
  })

  it('an import becomes interrupted with the rows it committed, and its undo removes exactly the cards it created', async () => {
    const { batch } = await importKilled('new')
    expect(batch).toMatchObject({ status: 'interrupted' })
    const created = (await count('')) - CLIENTS
    expect(created).toBeGreaterThanOrEqual(1000)
    expect(batch.done).toBe(created)
    expect(batch.summary).toMatchObject({ created })

    // Resuming wants the same file: another one is refused and changes nothing.
    const other = await api('POST', `/imports/${batch.id}/resume`, 'Телефон;Имя\n+79160000000;Чужой')
    expect(other.status).toBe(400)
    expect((await api<Batch>('GET', `/imports/${batch.id}`)).json.status).toBe('interrupted')

    const undone = await api<BatchUndoResult>('POST', `/imports/${batch.id}/undo`)
    expect(undone.status).toBe(200)
    expect(undone.json).toMatchObject({ deleted: created, keptClients: 0 })
    expect(await count('')).toBe(CLIENTS)
  })

  it('a resumed import skips the rows it had committed and finishes as one import', async () => {
    const { batch, csv } = await importKilled('more')
    const resumed = await api<ImportResult>('POST', `/imports/${batch.id}/resume`, csv)
    expect(resumed.status, JSON.stringify([batch, resumed.json])).toBe(200)
    expect(resumed.json).toMatchObject({ importId: batch.id, created: 20_000, skipped: 0 })
    expect(await count('')).toBe(CLIENTS + 20_000)
    expect((await api<Batch>('GET', `/imports/${batch.id}`)).json).toMatchObject({ status: 'done', done: 20_000 })
  })
})
