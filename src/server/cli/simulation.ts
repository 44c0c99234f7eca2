import { randomBytes, randomInt } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import type { Session } from '@shared/sessions'
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES } from '../seed/demo-data'
import { describeError } from './describe-error'
import { startReplyReceiver } from './reply-receiver'

export const SIMULATE_USAGE = `Usage: npm run simulate -- [--url http://localhost:3000] [--email admin@demo.test] [--password demo1234]
                          [--rate 6] [--count N] [--allow-remote]

Plays a client channel through the public API: starts dialogues in the company's chats (TWIN's
PUT /chats/{chatId}/sessions) with a callbackUrl on its own receiver at 127.0.0.1, sends client messages,
and prints each operator reply the service posts back. The service must allow callbacks to this machine
(WEBHOOK_ALLOW_PRIVATE=true); otherwise the dialogues start without one.
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
  async function respond(method: string, path: string, body?: unknown) {
    if (!tokens) await signIn()
    let res = await send(method, path, body, tokens!.authToken)
    if (res.status === 401) {
      await renew()
      res = await send(method, path, body, tokens!.authToken)
    }
    return res
  }
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await respond(method, path, body)
    if (!res.ok) throw await failure(`${method} ${path}`, res)
    return (await res.json()) as T
  }
  return { signIn, respond, request }
}

type Chat = { id: string; name: string }

/** The channel's setup: the chats to start dialogues in, and its receiver of replies (when the service allows it). */
async function channelOf(api: ReturnType<typeof apiClient>, log: (line: string) => void) {
  const chats = (await api.request<{ items: Chat[] }>('GET', '/chats?limit=100&withoutCount=true')).items
  if (chats.length === 0) log('The company has no chats (Каталог → Каналы): dialogues start without one.')
  // Admins may read the key callbacks are signed with; then each reply's signature is checked.
  const secret = await api.respond('GET', '/channel-secret')
  const key = secret.ok ? ((await secret.json()) as { secret: string }).secret : null
  const stamp = () => new Date().toLocaleTimeString('ru-RU')
  const receiver = await startReplyReceiver(key, (r) => {
    const check = r.signed === null ? '' : r.signed ? ' ✓ signed' : ' ✗ SIGNATURE DOES NOT VERIFY'
    log(`[${stamp()}] reply in ${r.sessionId.slice(0, 8)} from ${r.authorName ?? 'operator'}: «${r.body}»${check}`)
  })
  return { chats, receiver, stamp }
}

/** Runs until `count` messages are sent or the signal aborts; returns what it did. */
export async function runSimulation(opts: SimulationOptions, log: (line: string) => void, signal: AbortSignal) {
  const api = apiClient(opts, signal)
  await api.signIn()
  const { chats, receiver, stamp } = await channelOf(api, log)
  let callbackUrl: string | null = receiver.url
  log(
    `Signed in as ${opts.email} at ${opts.url}; about ${opts.rate} messages a minute${opts.count ? `, ${opts.count} in all` : ''}. ` +
      `Operator replies arrive at ${receiver.url}. Ctrl+C stops.`,
  )
  const who = (s: Session) => s.client.name ?? s.client.externalId ?? 'клиент'
  let sent = 0
  let dialogues = 0
  let failures = 0

  /** A client writes through a chat: into their open dialogue there, or a new one (TWIN's continue). */
  async function write(client: ReturnType<typeof newClient> | { externalId: string }, message: string) {
    if (chats.length === 0) return api.request<{ id: string }>('POST', '/sessions', { client, message })
    const chat = pick(chats)
    const body = {
      clientExternalId: client.externalId,
      ...('name' in client && { clientName: client.name, clientPhone: client.phone }),
      messageBody: message,
      ...(callbackUrl && { callbackUrl, callbackData: chat.name }),
    }
    const res = await api.respond('PUT', `/chats/${chat.id}/sessions`, body)
    const refused = res.status === 400 && JSON.stringify(await res.clone().json()).includes('body.callbackUrl')
    if (refused && callbackUrl) {
      log(
        `The service refuses callbacks to ${receiver.url} (start it with WEBHOOK_ALLOW_PRIVATE=true): no replies will be shown.`,
      )
      callbackUrl = null
      return write(client, message)
    }
    if (!res.ok) throw new Error(`PUT /chats/${chat.id}/sessions: ${res.status}`)
    return (await res.json()) as { id: string }
  }

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
      const session = await write(client, message)
      // A returning client with an open dialogue writes into it rather than opening another.
      const continued = open.items.some((s) => s.id === session.id)
      if (!continued) dialogues++
      const name = 'name' in client ? client.name : client.externalId
      log(
        `[${stamp()}] ${continued ? 'returning client in' : 'new dialogue'} ${session.id.slice(0, 8)}, ${name} (${client.externalId}): «${message}»`,
      )
    } else {
      const session = pick(open.items)
      const body = phrase(FOLLOW_UPS)
      await api.request('POST', `/sessions/${session.id}/clients/messages`, { body })
      log(`[${stamp()}] message in ${session.id.slice(0, 8)}, ${who(session)}: «${body}»`)
    }
    sent++
  }

  try {
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
  } finally {
    await receiver.close()
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
