import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTokenService } from '../../src/server/modules/auth'
import { openDatabase } from '../../src/server/db/client'
import { rowsOf } from '../../src/server/db/raw'
import { makeCompany, TEST_SECRET, type TestApp, type TestCompany } from '../support/app'
import { startReceiver } from '../support/receiver'
import { freePort, startServiceProcess } from '../support/service-process'

// The service as it runs for real, in processes of their own: killed with SIGKILL while 1,000 events wait to
// be delivered (client changes to a webhook, operator replies to dialogues' callbackUrl), then started again;
// and two of them on one PostgreSQL delivering the same outbox.

const CLIENTS = 10
const DIALOGUES = 10
const CHANGES = 50
const EVENTS = (CLIENTS + DIALOGUES) * CHANGES
const dataDir = mkdtempSync(join(tmpdir(), 'kartoteka-webhooks-'))
const running: ChildProcess[] = []
let co: TestCompany
let clientIds: string[] = []

/** Starts a service process (as `npm start` does, from the sources) and waits until it answers. */
async function start() {
  const port = await freePort()
  const service = await startServiceProcess({ port, dataDir, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } })
  running.push(service.child)
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      headers: { ...co.admin.auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    expect(res.status, await res.clone().text()).toBeLessThan(300)
    return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>)
  }
  const kill = async () => {
    await service.kill()
    running.splice(running.indexOf(service.child), 1)
  }
  return { api, kill }
}

/**
 * `CHANGES` renames of each client, and `CHANGES` operator replies in each of `DIALOGUES` dialogues started with a
 * callbackUrl, one after another per client and dialogue, all in parallel: `EVENTS` events.
 */
async function changeAll(api: Awaited<ReturnType<typeof start>>['api'], round: string, callbackUrl: string) {
  const chat = (await api('POST', '/chats', { name: `Канал ${round}` })) as { id: string }
  const dialogues = await Promise.all(
    Array.from({ length: DIALOGUES }, async (_, i) => {
      const body = { clientExternalId: `${round}-${i}`, clientName: `Клиент ${i}`, callbackUrl }
      return ((await api('POST', `/chats/${chat.id}/sessions`, body)) as { id: string }).id
    }),
  )
  const each = (ids: string[], change: (id: string, n: number) => Promise<unknown>) =>
    ids.map(async (id) => {
      for (let n = 1; n <= CHANGES; n++) await change(id, n)
    })
  await Promise.all([
    ...each(clientIds, (id, n) => api('PATCH', `/clients/${id}`, { name: `${round} ${n}` })),
    ...each(dialogues, (id, n) => api('POST', `/sessions/${id}/operators/messages`, { body: `${round} ${n}` })),
  ])
  return chat.id
}

/** Each webhook-id once, in the order first received: what an idempotent receiver keeps. */
function kept<T extends { headers: Record<string, unknown> }>(received: T[]) {
  const seen = new Set<string>()
  return received.filter((r) => {
    const id = String(r.headers['webhook-id'])
    return !seen.has(id) && seen.add(id)
  })
}

/** Per client (renames) and per dialogue (replies), the numbers as received: each list must count up from 1. */
function inOrder(events: { json: { type?: string; event?: string; data: Record<string, unknown> } }[], round: string) {
  const numbers = new Map<string, number[]>()
  for (const e of events) {
    const [change] = (e.json.data.changes ?? []) as { newValue: string }[]
    const text = e.json.event === 'chatMessageCreated' ? (e.json.data.body as string) : change?.newValue
    if (!text?.startsWith(round)) continue
    const key = String(e.json.data.clientId ?? e.json.data.sessionId)
    numbers.set(key, [...(numbers.get(key) ?? []), Number(text.slice(round.length + 1))])
  }
  return numbers
}

const countUp = Array.from({ length: CHANGES }, (_, i) => i + 1)

beforeAll(async () => {
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATABASE_URL ? null : dataDir,
  })
  await database.migrate()
  co = await makeCompany({ db: database.db, tokens: createTokenService(TEST_SECRET) } as unknown as TestApp)
  const rows = await rowsOf<{ id: string }>(
    database.db,
    sql`INSERT INTO clients (company_id, name) SELECT ${co.company.id}, 'Клиент ' || n FROM generate_series(1, ${CLIENTS}) n
      RETURNING id`,
  )
  clientIds = rows.map((r) => r.id)
  await database.close()
}, 120_000)

afterAll(async () => {
  for (const child of [...running]) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

describe('webhook deliveries across processes', { timeout: 240_000 }, () => {
  it('loses none of 1,000 pending events when the service is killed, and keeps each client’s and each dialogue’s order', async () => {
    const receiver = await startReceiver()
    const service = await start()
    // The receiver hangs: the first attempts are still in flight when the service dies.
    receiver.answerWith(() => {})
    await service.api('POST', '/webhooks', { url: receiver.url, events: ['client.updated'] })
    await changeAll(service.api, 'Крах', receiver.url)
    await service.kill()

    receiver.answerWith((res) => res.end('ok'))
    const again = await start()
    await expect.poll(() => kept(receiver.received).length, { timeout: 120_000, interval: 200 }).toBe(EVENTS)
    const order = inOrder(kept(receiver.received), 'Крах')
    expect(order.size).toBe(CLIENTS + DIALOGUES)
    for (const id of clientIds) expect(order.get(id)).toEqual(countUp)
    for (const list of order.values()) expect(list).toEqual(countUp)
    await again.kill()
    await receiver.close()
  })

  it.skipIf(!process.env.DATABASE_URL)(
    'two service processes on one PostgreSQL deliver 1,000 events with no duplicate',
    async () => {
      const receiver = await startReceiver()
      const [one, two] = [await start(), await start()]
      const { items } = (await one.api('GET', '/webhooks')) as { items: { id: string }[] }
      for (const w of items) await one.api('DELETE', `/webhooks/${w.id}`)
      const hook = (await one.api('POST', '/webhooks', { url: receiver.url, events: ['client.updated'] })) as {
        id: string
      }
      const chatId = await changeAll(one.api, 'Двое', receiver.url)
      await expect.poll(() => receiver.received.length, { timeout: 120_000, interval: 200 }).toBe(EVENTS)
      // Nothing is left to send: no delivery is still pending, so no late duplicate can come.
      for (const log of [`/webhooks/${hook.id}/deliveries`, `/chats/${chatId}/callbacks`]) {
        await expect
          .poll(async () => ((await two.api('GET', `${log}?status=pending&limit=1`)) as { items: [] }).items)
          .toEqual([])
      }
      expect(receiver.received).toHaveLength(EVENTS)
      expect(kept(receiver.received)).toHaveLength(EVENTS)
      for (const list of inOrder(receiver.received, 'Двое').values()) expect(list).toEqual(countUp)
      await Promise.all([one.kill(), two.kill()])
      await receiver.close()
    },
  )
})
