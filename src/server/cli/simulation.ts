import { randomBytes, randomInt } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import type { Session } from '@shared/sessions'
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES } from '../seed/demo-data'
import { describeError } from './describe-error'

export const SIMULATE_USAGE = `Usage: npm run simulate -- [--url http://localhost:3000] [--email admin@demo.test] [--password demo1234]
                          [--rate 6] [--count N] [--allow-remote]

Plays a client channel through the public API: starts dialogues and sends client messages.
  --rate    messages per minute, 1..120 (default 6)
  --count   stop after this many messages (default: run until Ctrl+C)
  --allow-remote   allow a service that is not on this machine (loopback only by default)`

export interface SimulationOptions {
  url: string
  email: string
  password: string
  rate: number
  count?: number
}

const OPENERS = [
  'Здравствуйте! Где мой заказ?',
  'Добрый день, не могу войти в личный кабинет',
  'Подскажите, есть ли доставка в Казань?',
  'Хочу вернуть товар, как это сделать?',
  'Здравствуйте, с карты списали деньги дважды',
  'Можно оформить рассрочку на телефон?',
  'Добрый вечер! Курьер так и не приехал',
  'Как поменять адрес доставки?',
  'Здравствуйте, промокод не срабатывает',
  'Подскажите график работы пункта выдачи',
  'Не приходит СМС с кодом подтверждения',
  'Товар пришёл с браком, что делать?',
  'Когда вернут деньги за отменённый заказ?',
]
const FOLLOW_UPS = [
  'Вы тут?',
  'Номер заказа {n}',
  'Жду ответа',
  'А можно побыстрее?',
  'Спасибо, всё понятно',
  'Прислал фото на почту',
  'Да, всё верно',
  'Нет, не помогло',
  'А сколько это будет стоить?',
  'Хорошо, подожду',
  'Телефон тот же, что в заказе',
  'Уже пробовал, не работает',
  'Отлично, тогда оформляйте',
  'Во сколько приедет курьер?',
]
// Past this many open dialogues only follow-ups are sent, so an unattended run does not flood the list.
const MAX_OPEN_DIALOGUES = 50
const DEMO_CLIENTS = 30

const pick = <T>(items: readonly T[]) => items[randomInt(items.length)]!
const phrase = (items: readonly string[]) => pick(items).replace('{n}', String(randomInt(10_000, 99_999)))

function newClient() {
  const female = randomInt(2) === 1
  const name = `${pick(LAST_NAMES)}${female ? 'а' : ''} ${pick(female ? FIRST_NAMES_F : FIRST_NAMES_M)}`
  const phone = `+7 9${randomInt(10, 100)} ${randomInt(100, 1000)}-${randomInt(10, 100)}-${randomInt(10, 100)}`
  return { externalId: `sim-${randomBytes(4).toString('hex')}`, name, phone }
}

/** The API as a channel uses it; an expired access token is refreshed, or the channel signs in again. */
function apiClient(opts: SimulationOptions, signal: AbortSignal) {
  let tokens: { authToken: string; refreshToken: string } | undefined
  const send = (method: string, path: string, body?: unknown, token?: string) =>
    fetch(`${opts.url}/api/v1${path}`, {
      method,
      signal,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  const failure = async (what: string, res: Response) =>
    new Error(
      `${what}: ${res.status} ${((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? res.statusText}`,
    )

  async function signIn() {
    const res = await send('POST', '/auth/login', { email: opts.email, password: opts.password })
    if (!res.ok) throw await failure(`sign-in as ${opts.email}`, res)
    tokens = (await res.json()) as typeof tokens
  }
  async function renew() {
    const res = tokens && (await send('POST', '/auth/refresh', { refreshToken: tokens.refreshToken }))
    if (res?.ok) tokens = (await res.json()) as typeof tokens
    else await signIn()
  }
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!tokens) await signIn()
    let res = await send(method, path, body, tokens!.authToken)
    if (res.status === 401) {
      await renew()
      res = await send(method, path, body, tokens!.authToken)
    }
    if (!res.ok) throw await failure(`${method} ${path}`, res)
    return (await res.json()) as T
  }
  return { signIn, request }
}

/** Runs until `count` messages are sent or the signal aborts; returns what it did. */
export async function runSimulation(opts: SimulationOptions, log: (line: string) => void, signal: AbortSignal) {
  const api = apiClient(opts, signal)
  await api.signIn()
  log(
    `Signed in as ${opts.email} at ${opts.url}; about ${opts.rate} messages a minute${opts.count ? `, ${opts.count} in all` : ''}. Ctrl+C stops.`,
  )
  const stamp = () => new Date().toLocaleTimeString('ru-RU')
  const who = (s: Session) => s.client.name ?? s.client.externalId ?? 'клиент'
  let sent = 0
  let dialogues = 0
  let failures = 0

  const step = async () => {
    const open = await api.request<{ items: Session[] }>(
      'GET',
      `/sessions?status=open&limit=${MAX_OPEN_DIALOGUES}&withoutCount=true`,
    )
    const startNew = open.items.length < 3 || (open.items.length < MAX_OPEN_DIALOGUES && randomInt(100) < 35)
    if (startNew) {
      // Some dialogues come from returning demo clients, whose saved cards the operator then sees.
      const client = randomInt(100) < 40 ? { externalId: `demo-${randomInt(1, DEMO_CLIENTS + 1)}` } : newClient()
      const message = phrase(OPENERS)
      const session = await api.request<Session>('POST', '/sessions', { client, message })
      // A returning client with an open dialogue writes into it rather than opening another.
      const continued = open.items.some((s) => s.id === session.id)
      if (!continued) dialogues++
      log(
        `[${stamp()}] ${continued ? 'returning client in' : 'new dialogue'} ${session.id.slice(0, 8)}, ${who(session)} (${client.externalId}): «${message}»`,
      )
    } else {
      const session = pick(open.items)
      const body = phrase(FOLLOW_UPS)
      await api.request('POST', `/sessions/${session.id}/clients/messages`, { body })
      log(`[${stamp()}] message in ${session.id.slice(0, 8)}, ${who(session)}: «${body}»`)
    }
    sent++
  }

  while (!signal.aborted && (opts.count === undefined || sent < opts.count)) {
    try {
      await step()
      failures = 0
    } catch (err) {
      if (signal.aborted) break
      log(`[${stamp()}] failed: ${describeError(err)}`)
      if (++failures >= 5) throw new Error('5 failures in a row; stopping', { cause: err })
    }
    if (opts.count !== undefined && sent >= opts.count) break
    // Random gaps around the average rate, so the stream looks like people typing.
    await sleep((60_000 / opts.rate) * (0.5 + Math.random()), undefined, { signal }).catch(() => {})
  }
  return { sent, dialogues }
}

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)

const argsSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: '--url must be an http(s) URL' }).default('http://localhost:3000'),
  email: z.string().default('admin@demo.test'),
  password: z.string().default('demo1234'),
  rate: z.coerce
    .number({ error: '--rate must be a number' })
    .int()
    .min(1)
    .max(120, { error: '--rate is at most 120 messages a minute' })
    .default(6),
  count: z.coerce.number({ error: '--count must be a number' }).int().min(1).optional(),
  'allow-remote': z.boolean().default(false),
})

/** Reads the command line; throws an Error whose message says what to fix. */
export function parseSimulateArgs(argv: string[]): SimulationOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      rate: { type: 'string' },
      count: { type: 'string' },
      'allow-remote': { type: 'boolean' },
    },
  })
  const parsed = argsSchema.safeParse(values)
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((i) => (i.path.length ? `--${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
    )
  const { 'allow-remote': allowRemote, ...opts } = parsed.data
  // A load generator aimed at someone else's service by a typo would be a nuisance: say so explicitly.
  if (!allowRemote && !isLoopback(new URL(opts.url).hostname)) {
    throw new Error(`${opts.url} is not on this machine; add --allow-remote to simulate against it`)
  }
  return { ...opts, url: opts.url.replace(/\/+$/, '') }
}
