import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Webhook as Verifier } from 'standardwebhooks'
import { eq, sql, type SQL } from 'drizzle-orm'
import type { Delivery, Webhook, WebhookWithSecret } from '@shared/webhooks'
import { webhookDeliveries, webhooks } from '../../src/server/db/schema'
import { columnList } from '../../src/server/db/sql-helpers'
import { rendered, rowsOf } from '../../src/server/db/raw'
import { claimSql, recordSql } from '../../src/server/modules/webhooks'
import { c, makeCompany, other, startTestApp, t, TEST_DELIVERY, useTestApp } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { cards } from '../support/cards'
import { startReceiver } from '../support/receiver'

// The hanging receiver's attempt gives up after 300 ms; retries come within a second (TEST_DELIVERY).
useTestApp({ webhookDelivery: { ...TEST_DELIVERY, timeoutMs: 300 } })

let receiver: Awaited<ReturnType<typeof startReceiver>>
beforeAll(async () => {
  receiver = await startReceiver()
})
afterAll(() => receiver.close())

const subscribe = async (events: string[], who = c) => {
  const res = await call(t, who.admin, 'POST', '/webhooks', { url: receiver.url, events, description: 'CRM' })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as WebhookWithSecret
}
const deliveries = async (webhookId: string, query = '') =>
  (await call(t, c.admin, 'GET', `/webhooks/${webhookId}/deliveries${query}`)).json() as {
    items: Delivery[]
    nextCursor: string | null
  }

describe('webhooks', () => {
  it('are for admins only, show their secret once, and refuse a URL that is not http(s) or an unknown event', async () => {
    const hook = await subscribe(['client.created'])
    expect(hook.secret).toMatch(/^whsec_/)
    const listed = (await call(t, c.admin, 'GET', '/webhooks')).json() as { items: Record<string, unknown>[] }
    expect(listed.items.map((w) => w.id)).toContain(hook.id)
    expect(JSON.stringify(listed)).not.toContain(hook.secret)
    for (const who of [c.operator, c.supervisor]) expectError(await call(t, who, 'GET', '/webhooks'), 403)
    expectError(await call(t, other.admin, 'GET', `/webhooks/${hook.id}`), 404)
    expectError(await call(t, other.admin, 'GET', `/webhooks/${hook.id}/deliveries`), 404)

    expectBadInput(
      await call(t, c.admin, 'POST', '/webhooks', { url: 'ftp://example.org/x', events: ['client.created'] }),
      'body.url',
    )
    expectBadInput(await call(t, c.admin, 'POST', '/webhooks', { url: receiver.url, events: [] }), 'body.events')
    const unknown = expectBadInput(
      await call(t, c.admin, 'POST', '/webhooks', { url: receiver.url, events: ['client.exploded'] }),
      'body.events.0',
    )
    expect(JSON.stringify(unknown.details)).toContain('client.exploded')
    expect((await call(t, c.admin, 'GET', '/webhooks')).json()).toEqual(listed)
    await call(t, c.admin, 'DELETE', `/webhooks/${hook.id}`)
  })

  it('refuse loopback, private and link-local addresses unless the install allows them', async () => {
    const strict = await startTestApp({ webhookDelivery: { allowInternal: false } })
    try {
      const company = await makeCompany(strict)
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://localhost/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'http://10.1.2.3/',
        'http://192.168.0.10/',
        'http://[::ffff:127.0.0.1]/',
      ]) {
        expectBadInput(
          await call(strict, company.admin, 'POST', '/webhooks', { url, events: ['client.created'] }),
          'body.url',
        )
      }
    } finally {
      await strict.close()
    }
  })

  it('delivers a parameter change signed in the Standard Webhooks scheme, with old and new value; an unchanged write sends nothing', async () => {
    const hook = await subscribe(['client.attributes.changed'])
    const city = await cards(t, c).attribute({ name: 'Город' })
    const client = await cards(t, c).client({ name: 'Анна' })
    await cards(t, c).set(client.id, city.id, 'Казань')
    await cards(t, c).set(client.id, city.id, 'Самара')
    await cards(t, c).set(client.id, city.id, 'Самара')
    const got = await receiver.waitFor('client.attributes.changed', 2)
    const mine = got.filter((r) => r.json.data.clientId === client.id)
    expect(mine.map((r) => r.json.data.changes)).toEqual([
      [expect.objectContaining({ attributeId: city.id, name: 'Город', oldValue: null, newValue: 'Казань' })],
      [expect.objectContaining({ attributeId: city.id, name: 'Город', oldValue: 'Казань', newValue: 'Самара' })],
    ])
    expect(mine[0]!.json.data).toMatchObject({ source: 'api', changedBy: { id: c.operator.id } })
    // A receiver verifies with the standardwebhooks package and the secret it was shown.
    const verified = new Verifier(hook.secret).verify(mine[1]!.body, mine[1]!.headers as Record<string, string>)
    expect(verified).toEqual(mine[1]!.json)
    expect(() =>
      new Verifier(hook.secret).verify(
        mine[1]!.body.replace('Самара', 'Москва'),
        mine[1]!.headers as Record<string, string>,
      ),
    ).toThrow()

    // The outbox is written with the change itself: after the third write, the log holds all there will be.
    const log = await deliveries(hook.id)
    expect(log.items.filter((d) => (d.payload.data as { clientId: string }).clientId === client.id)).toHaveLength(2)
    await call(t, c.admin, 'DELETE', `/webhooks/${hook.id}`)
  })

  it('retries a 500 with the same webhook-id, fails a 410 and a redirect at once, and «Отправить снова» sends it again', async () => {
    const hook = await subscribe(['client.created'])
    receiver.answerWith((res, n) => {
      res.statusCode = n % 2 === 1 ? 500 : 200
      res.end(n % 2 === 1 ? 'busy' : 'ok')
    })
    const before = receiver.received.length
    const anna = await cards(t, c).client({ name: 'Анна Ретрай' })
    await receiver.waitFor('client.created', 2)
    const tries = receiver.received.slice(before)
    expect(tries.map((r) => r.json.data.id)).toEqual([anna.id, anna.id])
    expect(tries[0]!.headers['webhook-id']).toBe(tries[1]!.headers['webhook-id'])
    const [delivered] = (await deliveries(hook.id)).items
    expect(delivered).toMatchObject({
      status: 'delivered',
      attempts: [{ statusCode: 500, response: 'busy' }, { statusCode: 200 }],
    })

    receiver.answerWith((res) => {
      res.statusCode = 410
      res.end('gone')
    })
    await cards(t, c).client({ name: 'Борис' })
    await vi.waitUntil(async () => (await deliveries(hook.id, '?status=failed')).items.length === 1, { timeout: 5000 })
    receiver.answerWith((res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' })
      res.end()
    })
    await cards(t, c).client({ name: 'Вера' })
    await vi.waitUntil(async () => (await deliveries(hook.id, '?status=failed')).items.length === 2, { timeout: 5000 })
    const failed = (await deliveries(hook.id, '?status=failed')).items
    expect(failed.map((d) => d.attempts.map((a) => a.statusCode))).toEqual([[302], [410]])

    receiver.answerWith((res) => res.end('ok'))
    const seen = receiver.received.length
    const res = await call(t, c.admin, 'POST', `/webhook-deliveries/${failed[1]!.id}/redeliver`)
    expect(res.statusCode, res.body).toBe(202)
    await vi.waitUntil(() => receiver.received.length > seen, { timeout: 5000 })
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(failed[1]!.id)
    expectError(await call(t, other.admin, 'POST', `/webhook-deliveries/${failed[0]!.id}/redeliver`), 404)
    await call(t, c.admin, 'DELETE', `/webhooks/${hook.id}`)
  })

  it('gives up on a receiver that hangs and retries it, and reads no more than 64 KB of a huge answer', async () => {
    const hook = await subscribe(['client.created'])
    const first = receiver.received.length + 1
    receiver.answerWith((res, n) => {
      if (n === first) return // hangs: the attempt times out
      res.write('x'.repeat(1024 * 1024))
      const more = setInterval(() => res.write('x'.repeat(1024 * 1024)), 5)
      setTimeout(() => {
        clearInterval(more)
        res.end()
      }, 2000)
    })
    const before = receiver.received.length
    await cards(t, c).client({ name: 'Глеб' })
    await vi.waitUntil(() => receiver.received.length >= before + 2, { timeout: 5000 })
    await vi.waitUntil(async () => (await deliveries(hook.id)).items[0]?.status !== 'pending', { timeout: 5000 })
    const [d] = (await deliveries(hook.id)).items
    expect(d, JSON.stringify(d)).toMatchObject({ status: 'delivered' })
    expect(d!.attempts[0]).toMatchObject({ statusCode: null, error: expect.stringContaining('Нет ответа') })
    expect(d!.attempts[1]!.statusCode).toBe(200)
    expect(d!.attempts[1]!.response!.length).toBeLessThanOrEqual(1024)
    receiver.answerWith((res) => res.end('ok'))
    await call(t, c.admin, 'DELETE', `/webhooks/${hook.id}`)
  })

  it('keeps a client’s events in order, one per client for a bulk edit, and never another company’s', async () => {
    const hook = await subscribe(['client.tags.changed', 'client.updated'])
    await subscribe(['client.tags.changed'], other)
    const vip = await cards(t, c).tag('ВИП')
    const client = await cards(t, c).client({ name: 'Дина' })
    receiver.answerWith((res) => setTimeout(() => res.end('ok'), 30))
    for (const name of ['Дина 1', 'Дина 2', 'Дина 3']) {
      await call(t, c.operator, 'PATCH', `/clients/${client.id}`, { name })
    }
    await cards(t, c).addTag(client.id, vip.id)
    const updates = await receiver.waitFor('client.updated', 3)
    expect(updates.map((r) => (r.json.data.changes as { newValue: string }[])[0]!.newValue)).toEqual([
      'Дина 1',
      'Дина 2',
      'Дина 3',
    ])
    const [tagged] = await receiver.waitFor('client.tags.changed')
    expect(tagged!.json.data.changes).toEqual({ added: [{ tagId: vip.id, name: 'ВИП' }], removed: [] })
    const otherTag = await cards(t, other).tag('Чужой')
    const stranger = await cards(t, other).client({ name: 'Чужой' })
    await cards(t, other).addTag(stranger.id, otherTag.id, other.operator)
    await receiver.waitFor('client.tags.changed', 2)
    const log = await deliveries(hook.id)
    expect(log.items.every((d) => (d.payload.data as { clientId: string }).clientId === client.id)).toBe(true)
    receiver.answerWith((res) => res.end('ok'))
  })

  it('takes turns between clients, so one with a long queue never keeps the others waiting; logs a binary answer', async () => {
    const hook = await subscribe(['client.updated'])
    receiver.answerWith((res) => res.end(Buffer.from([0, 1, 2, 0x6f, 0x6b])))
    // Twelve clients with three changes each, waiting at once: more queues than one claim takes (8).
    const d = webhookDeliveries
    await t.db.execute(sql`INSERT INTO ${d} ${columnList(d.webhookId, d.companyId, d.event, d.queue, d.payload)}
      SELECT ${hook.id}::uuid, ${c.company.id}::uuid, 'client.updated', ${hook.id} || '/client:turn-' || lpad((n % 12)::text, 2, '0'),
        jsonb_build_object('turn', n % 12, 'n', n)
      FROM generate_series(0, 35) n`)
    const turns = async () =>
      (await receiver.waitFor('client.updated', 1)).map((r) => r.json.data.turn).filter((x) => x !== undefined)
    await vi.waitUntil(async () => (await turns()).length === 36, { timeout: 8000 })
    // Two claims' worth reach every client, where always starting from the first queue served only eight.
    expect(new Set((await turns()).slice(0, 16)).size).toBe(12)
    const [last] = (await deliveries(hook.id, '?status=delivered')).items
    expect(last!.attempts[0]!.response).toBe('\uFFFD\u0001\u0002ok')
    receiver.answerWith((res) => res.end('ok'))
    await call(t, c.admin, 'DELETE', `/webhooks/${hook.id}`)
  })

  it('finds and records deliveries through their indexes, however long the delivery log', async () => {
    const hook = await subscribe(['client.updated'])
    const d = webhookDeliveries
    // Three clients waiting, their first events to be retried later, behind `logged` delivered ones.
    const logOf = async (logged: number) => {
      await t.db.delete(d).where(eq(d.webhookId, hook.id))
      await t.db
        .execute(sql`INSERT INTO ${d} ${columnList(d.webhookId, d.companyId, d.event, d.queue, d.payload, d.status, d.nextAttemptAt)}
        SELECT ${hook.id}::uuid, ${c.company.id}::uuid, 'client.updated', ${hook.id} || '/client:log-' || (n % 3),
          '{}'::jsonb, CASE WHEN n < ${logged} THEN 'delivered' ELSE 'pending' END,
          CASE WHEN n < ${logged + 3} THEN now() ELSE now() + interval '1 hour' END
        FROM generate_series(0, ${logged + 5}) n`)
      await t.db.execute(sql`ANALYZE ${d}`)
    }
    const plan = async (query: SQL) => {
      const { sql: text, params } = rendered(query)
      const inlined = text.replace(/\$(\d+)/g, (_, n) => `'${params[Number(n) - 1]}'`)
      return JSON.stringify(await rowsOf(t.db, sql.raw(`EXPLAIN ${inlined}`)))
    }
    // A day's log: recording a batch reads its rows by id.
    await logOf(3000)
    const waiting = await rowsOf<{ id: string }>(
      t.db,
      sql`SELECT ${d.id} AS id FROM ${d} WHERE ${d.webhookId} = ${hook.id} AND ${d.status} = 'pending'`,
    )
    const at = new Date().toISOString()
    const outcomes = waiting.map(({ id }) => ({
      id,
      status: 'delivered' as const,
      next: null,
      at,
      code: 200,
      ms: 5,
      response: 'ok',
      error: null,
    }))
    expect(await plan(recordSql(outcomes))).not.toMatch(/Seq Scan on webhook_deliveries/)
    // A month's: a claim reads the queues' heads alone.
    await logOf(20_000)
    expect(await plan(claimSql(''))).not.toMatch(/Seq Scan on webhook_deliveries/)
    await t.db.delete(d).where(eq(d.webhookId, hook.id))
    await call(t, c.admin, 'DELETE', `/webhooks/${hook.id}`)
  })

  it('switches off an endpoint with nothing delivered for 3 days, says so in the Журнал, and an admin switches it back on', async () => {
    const hook = await subscribe(['client.created'])
    await t.db
      .update(webhooks)
      .set({ createdAt: new Date(Date.now() - 4 * 86_400_000) })
      .where(eq(webhooks.id, hook.id))
    receiver.answerWith((res) => {
      res.statusCode = 404
      res.end()
    })
    await cards(t, c).client({ name: 'Ева' })
    await vi.waitUntil(
      async () => !((await call(t, c.admin, 'GET', `/webhooks/${hook.id}`)).json() as Webhook).active,
      {
        timeout: 5000,
      },
    )
    const off = (await call(t, c.admin, 'GET', `/webhooks/${hook.id}`)).json() as Webhook
    expect(off.disabledReason).toMatch(/3 дня/)
    const journal = (await call(t, c.admin, 'GET', '/audit?action=webhook.disabled')).json() as {
      items: { summary: string }[]
    }
    expect(journal.items[0]!.summary).toContain(receiver.url)
    receiver.answerWith((res) => res.end('ok'))
    const on = (await call(t, c.admin, 'PATCH', `/webhooks/${hook.id}`, { active: true })).json() as Webhook
    expect(on).toMatchObject({ active: true, disabledReason: null })
    await call(t, c.admin, 'DELETE', `/webhooks/${hook.id}`)
  })

  it('sends a test event on «Отправить тест», and signs with the old secret too for a day after a rotation', async () => {
    const hook = await subscribe(['client.created'])
    const test = await call(t, c.admin, 'POST', `/webhooks/${hook.id}/test`)
    expect(test.json()).toMatchObject({ ok: true, statusCode: 200 })
    const [ping] = await receiver.waitFor('webhook.test')
    expect(new Verifier(hook.secret).verify(ping!.body, ping!.headers as Record<string, string>)).toBeTruthy()

    const rotated = (await call(t, c.admin, 'POST', `/webhooks/${hook.id}/rotate-secret`)).json() as WebhookWithSecret
    expect(rotated.secret).not.toBe(hook.secret)
    await call(t, c.admin, 'POST', `/webhooks/${hook.id}/test`)
    const [, after] = await receiver.waitFor('webhook.test', 2)
    for (const secret of [rotated.secret, hook.secret]) {
      expect(new Verifier(secret).verify(after!.body, after!.headers as Record<string, string>)).toBeTruthy()
    }
    await call(t, c.admin, 'DELETE', `/webhooks/${hook.id}`)
  })
})
