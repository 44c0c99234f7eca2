import { describe, expect, it } from 'vitest'
import { parseSimulateArgs, runSimulation } from '../../src/server/cli/simulation'
import type { Session } from '@shared/sessions'
import { makeCompany, t, TEST_DELIVERY, TEST_PASSWORD, useTestApp } from '../support/app'
import { call } from '../support/api'

useTestApp({ listen: true, webhookDelivery: TEST_DELIVERY })

describe('npm run simulate', () => {
  it('starts dialogues and sends client messages through the public API, then stops at --count', async () => {
    const { operator } = await makeCompany(t)
    const lines: string[] = []
    // The command line caps --rate at 120; the function itself runs faster for the test.
    const result = await runSimulation(
      { url: t.url, email: operator.email, password: TEST_PASSWORD, rate: 6000, count: 8 },
      (line) => lines.push(line),
      new AbortController().signal,
    )
    expect(result.sent).toBe(8)
    expect(result.dialogues).toBeGreaterThanOrEqual(3)

    const sessions = (await call(t, operator, 'GET', '/sessions')).json()
    expect(sessions.count).toBe(result.dialogues)
    let clientMessages = 0
    for (const s of sessions.items as Session[]) {
      const { items } = (await call(t, operator, 'GET', `/sessions/${s.id}/messages`)).json()
      clientMessages += items.filter((m: { authorType: string }) => m.authorType === 'client').length
    }
    expect(clientMessages).toBe(8)
    expect(lines.filter((l) => /new dialogue|returning client in|message in/.test(l))).toHaveLength(8)
  })

  it("starts dialogues in the company's chats and prints each operator reply the service posts back, signed", async () => {
    const { admin, operator } = await makeCompany(t)
    await call(t, admin, 'POST', '/chats', { name: 'Telegram' })
    const stop = new AbortController()
    const lines: string[] = []
    let replied = false
    await runSimulation(
      { url: t.url, email: admin.email, password: TEST_PASSWORD, rate: 600 },
      (line) => {
        lines.push(line)
        if (line.includes('new dialogue') && !replied) {
          replied = true
          void (async () => {
            const [dialogue] = (await call(t, operator, 'GET', '/sessions')).json().items as Session[]
            await call(t, operator, 'POST', `/sessions/${dialogue!.id}/operators/messages`, { body: 'Уже смотрю' })
          })()
        }
        if (line.includes('reply in')) stop.abort()
      },
      stop.signal,
    )
    expect(lines.find((l) => l.includes('reply in'))).toMatch(/reply in \w{8} from .+: «Уже смотрю» ✓ signed/)
    const sessions = (await call(t, operator, 'GET', '/sessions')).json().items as Session[]
    expect(sessions.every((s) => s.chatId !== null)).toBe(true)
  })

  it('stops when aborted (Ctrl+C)', async () => {
    const { operator } = await makeCompany(t)
    const stop = new AbortController()
    // At one message a minute the next one is far away: aborting must cut the wait short.
    const result = await runSimulation(
      { url: t.url, email: operator.email, password: TEST_PASSWORD, rate: 1 },
      (line) => line.includes('new dialogue') && stop.abort(),
      stop.signal,
    )
    expect(result).toEqual({ sent: 1, dialogues: 1 })
  })

  it('says why it cannot sign in', async () => {
    await expect(
      runSimulation(
        { url: t.url, email: 'nobody@test.ru', password: 'wrong-password', rate: 60 },
        () => {},
        new AbortController().signal,
      ),
    ).rejects.toThrow('sign-in as nobody@test.ru: 401')
  })

  it('checks its arguments: defaults, rate bounds, loopback only unless allowed', () => {
    expect(parseSimulateArgs([])).toEqual({
      url: 'http://localhost:3000',
      email: 'admin@demo.test',
      password: 'demo1234',
      rate: 6,
    })
    expect(parseSimulateArgs(['--rate', '30', '--count', '5', '--url', 'http://127.0.0.1:3222/'])).toMatchObject({
      rate: 30,
      count: 5,
      url: 'http://127.0.0.1:3222',
    })
    expect(() => parseSimulateArgs(['--rate', '1000'])).toThrow('--rate is at most 120')
    expect(() => parseSimulateArgs(['--rate', 'fast'])).toThrow('--rate')
    expect(() => parseSimulateArgs(['--count', '0'])).toThrow('--count')
    expect(() => parseSimulateArgs(['--url', 'ftp://localhost'])).toThrow('--url must be an http(s) URL')
    expect(() => parseSimulateArgs(['--url', 'https://chat.example.com'])).toThrow('--allow-remote')
    expect(parseSimulateArgs(['--url', 'https://chat.example.com', '--allow-remote']).url).toBe(
      'https://chat.example.com',
    )
    expect(() => parseSimulateArgs(['--speed', '5'])).toThrow("'--speed'")
  })
})
