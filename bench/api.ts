// npm run bench:api: each route's throughput against its thin twin (a bare Fastify route on the same database
// and driver running the route's own SQL, with no auth, validation or hooks), in one run on the same machine.
// Starts the service on the embedded database (then on PostgreSQL when DATABASE_URL names an empty, throwaway
// database) in a process of its own, loads each route and its twin with autocannon in turn and prints req/s,
// p50, p99, time-outs and the ratio, each after a warm-up of both.
// BENCH_PROFILE=<folder> writes a CPU profile of each service process there (bench/profile-top.ts reads it).
// BENCH_CLIENTS (default 2,000) sizes the directory, which is exported back to back while the card is loaded.
// BENCH_ROUTES=card,write and BENCH_DATABASES=postgres narrow a run to some routes or one database.
// `--workers N` then starts the real service (src/server/main.ts) on the PostgreSQL database with WORKERS=1 and
// WORKERS=N in turn, and reports how many more cards N service processes serve than one.
import { fork, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { availableParallelism } from 'node:os'
import autocannon from 'autocannon'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const WARM_UP_SECONDS = 2
const PROFILE = process.env.BENCH_PROFILE
const ALL_ROUTES = ['card', 'list', 'write', 'directory', 'start', 'message'] as const
const ROUTES = ALL_ROUTES.filter((r) => !process.env.BENCH_ROUTES || process.env.BENCH_ROUTES.split(',').includes(r))
const LABELS = {
  card: 'card (40 attributes)',
  list: 'dialogue list (50)',
  write: 'value write',
  directory: 'directory page (50)',
  start: 'session start',
  message: 'client message',
}
/** The body of each request to a route that is a POST: every one another value, client or message. */
const BODIES: Partial<Record<(typeof ALL_ROUTES)[number], (i: number) => object>> = {
  write: (i) => ({ value: `увлечение ${i}` }),
  start: (i) => ({
    clientExternalId: `bench-${process.pid}-${i}`,
    clientName: 'Клиент канала',
    messageBody: 'Здравствуйте, вопрос по заказу',
  }),
  message: (i) => ({ body: `Сообщение клиента ${i}` }),
}

const SERVICE_FLAGS = ['--max-semi-space-size=8', ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [])]

const workersFlag = process.argv.indexOf('--workers')
const WORKERS = workersFlag > 0 ? Number(process.argv[workersFlag + 1]) : null
if (WORKERS !== null && !(Number.isInteger(WORKERS) && WORKERS >= 2 && WORKERS <= 64))
  throw new Error('--workers: a whole number of service processes to compare with one, from 2 to 64')

type Ready = {
  url: string
  secret: string
  twin?: string
  kind?: string
  token?: string
  paths?: Record<(typeof ALL_ROUTES)[number], string> & { writes: string[] }
}

async function start(env: Record<string, string | undefined>) {
  const child = fork(new URL('./api-target.ts', import.meta.url), {
    env: { ...process.env, ...env },
    // The service runs with the young generation `npm start` gives it.
    execArgv: ['--import', 'tsx', ...SERVICE_FLAGS],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const [ready] = await Promise.race([
    once(child, 'message') as Promise<[Ready]>,
    once(child, 'exit').then(([code]) => {
      throw new Error(`benchmark target exited with ${code}`)
    }),
  ])
  return { child, ...ready }
}

/** `body` makes each request a POST of its own JSON body; `path`, to a path of its own. */
async function load(
  url: string,
  opts: Partial<autocannon.Options> = {},
  body?: (i: number) => object,
  path?: (i: number) => string,
) {
  let i = 0
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 10,
    ...opts,
    ...(body && {
      method: 'POST',
      requests: [
        { setupRequest: (req) => ({ ...req, ...(path && { path: path(i) }), body: JSON.stringify(body(i++)) }) },
      ],
    }),
  })
  return {
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    timeouts: result.timeouts,
    errors: result.non2xx + result.errors,
  }
}

/** A webhook receiver on 127.0.0.1 answering after `delayMs`; `port` 0 picks one. */
async function receiverAt(delayMs: number) {
  let received = 0
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => setTimeout(() => (received++, res.end('ok')), delayMs))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received: () => received,
    close: () => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())),
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
/** The median, then every round's rate in order, so that a drift or an outlier shows. */
const rounds = (xs: number[]) => `${Math.round(median(xs))} req/s (${xs.map(Math.round).join(', ')})`
const WEBHOOK_ROUNDS = 9
const BACKLOG = { events: 2000, clients: 200 }

/**
 * The value write with a webhook subscribed to every event (its receiver answering in 200 ms; its receiver
 * down), against the write without one, in two shapes: 50 operators each writing on a card of their own, and
 * every write on one card (its row taken in turn, so whatever the write does while holding it shows in full).
 * Interleaved over WEBHOOK_ROUNDS rounds, each in another order on freshly vacuumed and flushed tables, and
 * compared round by round (the median of the rounds' ratios). Then the write's own cost, which 50 contending
 * connections blur (a round's rate moves by a tenth from one round to the next on a shared machine): one
 * operator writing one value after another, in 15 rounds of 2 s. Then how fast the worker empties a backlog of
 * BACKLOG.events events of BACKLOG.clients clients into a receiver that answers at once: one client's events go
 * one at a time, in order, so the rate comes from many queues at once.
 */
async function writeWithWebhooks(api: Awaited<ReturnType<typeof start>>) {
  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' }
  const ask = async (message: object) => {
    api.child.send(message)
    await once(api.child, 'message')
  }
  const slow = await receiverAt(200)
  const gone = await receiverAt(0)
  const downUrl = gone.url
  await gone.close()
  const kinds = [
    ['plain', null],
    ['slow', slow.url],
    ['down', downUrl],
  ] as const
  for (const [shape, path, connections, seconds, count] of [
    ['50 cards', (i: number) => api.paths!.writes[i % api.paths!.writes.length]!, CONNECTIONS, SECONDS, WEBHOOK_ROUNDS],
    ['one card', () => api.paths!.write, CONNECTIONS, SECONDS, WEBHOOK_ROUNDS],
    // The write's own cost, without 50 writes contending: one operator writing, one write after another.
    ['50 cards by one operator at a time', (i: number) => api.paths!.writes[i % api.paths!.writes.length]!, 1, 2, 15],
  ] as const) {
    const rates = { plain: [] as number[], slow: [] as number[], down: [] as number[] }
    const before = slow.received()
    let slowSeconds = 0
    for (let round = 0; round < count; round++) {
      // Each round in another order, so that none of the three always follows the same one.
      for (const [kind, url] of [...kinds.slice(round % 3), ...kinds.slice(0, round % 3)]) {
        await ask({ webhook: url })
        const started = performance.now()
        const r = await load(
          `${api.url}${path(0)}`,
          { headers, connections, duration: seconds },
          (i) => ({ value: `вебхук ${i}` }),
          path,
        )
        rates[kind].push(r.rate)
        if (kind === 'slow') slowSeconds += (performance.now() - started) / 1000
      }
    }
    // Each round's rate against the same round's write without a webhook, so that a drift of the machine
    // over the rounds, which moves all three alike, cancels out.
    const paired = (xs: number[]) => median(xs.map((x, i) => x / rates.plain[i]!)).toFixed(2)
    console.log(
      `value write on ${shape} with a webhook on every event: without ${rounds(rates.plain)}; ` +
        `receiver answering in 200 ms ${rounds(rates.slow)} (÷ without ${paired(rates.slow)}, ` +
        `${((slow.received() - before) / slowSeconds).toFixed(1)} events delivered/s); receiver down ${rounds(rates.down)} ` +
        `(÷ without ${paired(rates.down)})`,
    )
  }
  await ask({ webhook: null })
  await slow.close()

  const fast = await receiverAt(0)
  await ask({ backlog: fast.url, ...BACKLOG })
  const started = performance.now()
  while (fast.received() < BACKLOG.events && performance.now() - started < 120_000)
    await new Promise((r) => setTimeout(r, 20))
  const drained = fast.received() / ((performance.now() - started) / 1000)
  await ask({ webhook: null })
  await fast.close()
  console.log(
    `(medians of ${WEBHOOK_ROUNDS} interleaved rounds, 15 for one operator at a time, each on freshly vacuumed tables; ` +
      `every round's rate in brackets; ` +
      `÷ without: the median of each round's ratio to the write without a webhook in the same round)\n` +
      `webhook backlog of ${BACKLOG.events} events of ${BACKLOG.clients} clients, receiver answering at once: ` +
      `${Math.round(drained)} events delivered/s`,
  )
}

const PICKER_TEMPLATES = 500

/**
 * What opening the reply box's template picker costs an operator, with PICKER_TEMPLATES templates: the list fit for
 * the dialogue, then the first one rendered for its client; one operator at a time, and ten at once.
 */
async function templatePicker(api: Awaited<ReturnType<typeof start>>) {
  api.child.send({ templates: PICKER_TEMPLATES })
  const [paths] = (await once(api.child, 'message')) as [{ list: string; render: string }]
  // No body, so no content type: Fastify refuses an empty JSON body.
  const headers = { authorization: `Bearer ${api.token}` }
  const line = async (connections: number) => {
    const list = await load(`${api.url}${paths.list}`, { headers, connections })
    const render = await load(`${api.url}${paths.render}`, { headers, connections, method: 'POST' })
    return `${connections} at once: list p50 ${list.p50} ms, p99 ${list.p99} ms; render p50 ${render.p50} ms, p99 ${render.p99} ms`
  }
  console.log(`template picker with ${PICKER_TEMPLATES} templates: ${await line(1)}; ${await line(10)}`)
}

/** The real service with `WORKERS=workers` on the benchmark's database, once it listens. */
async function service(api: Awaited<ReturnType<typeof start>>, workers: number, databaseUrl: string) {
  const free = createServer()
  await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve))
  const port = (free.address() as AddressInfo).port
  await new Promise((resolve) => free.close(resolve))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKERS: String(workers),
      JWT_SECRET: api.secret,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  for await (const chunk of child.stdout) if ((out += chunk).includes('Kartoteka is running')) break
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM')
      if (child.exitCode === null) await once(child, 'exit')
    },
  }
}

/** The card on one service process and on `WORKERS`, interleaved twice, each a service started afresh. */
async function everyCore(api: Awaited<ReturnType<typeof start>>, databaseUrl: string, workers: number) {
  const headers = { authorization: `Bearer ${api.token}` }
  const rates = new Map<number, { rate: number; p99: number }[]>([
    [1, []],
    [workers, []],
  ])
  for (const n of [1, workers, 1, workers]) {
    const s = await service(api, n, databaseUrl)
    const r = await load(`${s.url}${api.paths!.card}`, { headers })
    await s.stop()
    if (r.errors > 0) throw new Error(`the card on ${n} service processes answered ${r.errors} errors`)
    rates.get(n)!.push(r)
  }
  const line = (n: number) =>
    rates
      .get(n)!
      .map((r) => `${Math.round(r.rate)} req/s (p99 ${r.p99} ms)`)
      .join(', ')
  const mean = (n: number) => rates.get(n)!.reduce((sum, r) => sum + r.rate, 0) / 2
  console.log(
    `card on the real service, WORKERS=1: ${line(1)}; WORKERS=${workers}: ${line(workers)}; ` +
      `× one process ${(mean(workers) / mean(1)).toFixed(2)} on ${availableParallelism()} cores\n`,
  )
}

console.log(`${CONNECTIONS} connections, ${SECONDS} s per route and per twin\n`)

const databases = [
  { DATABASE_URL: '' },
  ...(process.env.DATABASE_URL ? [{ DATABASE_URL: process.env.DATABASE_URL }] : []),
].filter(
  (env) =>
    !process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.includes(env.DATABASE_URL ? 'postgres' : 'pglite'),
)
for (const env of databases) {
  const api = await start(env)
  console.log(`service on ${api.kind}`)
  console.log(
    [
      'route'.padEnd(22),
      'req/s',
      '  p50 ms',
      '  p99 ms',
      'timeouts',
      'errors',
      'twin req/s',
      'twin p99',
      '÷ twin',
    ].join('  '),
  )
  for (const route of ROUTES) {
    const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' }
    // Both warmed up first, unmeasured: the compiler, the connections' prepared statements and the database's
    // caches are then the same for both, whichever runs first.
    await load(`${api.url}${api.paths![route]}`, { headers, duration: WARM_UP_SECONDS }, BODIES[route])
    await load(`${api.twin}/${route}`, { duration: WARM_UP_SECONDS })
    const r = await load(`${api.url}${api.paths![route]}`, { headers }, BODIES[route])
    const twin = await load(`${api.twin}/${route}`)
    console.log(
      [
        LABELS[route].padEnd(22),
        String(Math.round(r.rate)).padStart(5),
        String(r.p50).padStart(8),
        String(r.p99).padStart(8),
        String(r.timeouts).padStart(8),
        String(r.errors).padStart(6),
        String(Math.round(twin.rate)).padStart(10),
        String(twin.p99).padStart(8),
        (r.rate / twin.rate).toFixed(2).padStart(6),
      ].join('  '),
    )
  }
  if (ROUTES.includes('write')) await writeWithWebhooks(api)
  await templatePicker(api)
  // The card while CSV exports of the whole directory stream back to back for the whole load: short
  // requests must not wait behind them.
  const headers = { authorization: `Bearer ${api.token}` }
  const exports = { running: true, done: 0, seconds: 0, rows: 0 }
  const exporting = (async () => {
    while (exports.running) {
      const started = performance.now()
      const res = await fetch(`${api.url}/api/v1/clients/export.csv`, { headers })
      if (!res.ok) throw new Error(`export: ${res.status}`)
      const reader = res.body!.getReader()
      // The rows of one export: the lines after the header (the dialogues started above added clients).
      let lines = -1
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        if (exports.done === 0) lines += chunk.value.filter((byte) => byte === 10).length
      if (exports.done === 0) exports.rows = lines
      exports.done++
      exports.seconds += (performance.now() - started) / 1000
    }
  })()
  const during = await load(`${api.url}${api.paths!.card}`, { headers })
  exports.running = false
  await exporting
  console.log(
    `card while all ${exports.rows} clients are exported to CSV back to back (${exports.done} exports, ` +
      `${(exports.seconds / exports.done).toFixed(1)} s each): ${Math.round(during.rate)} req/s, p50 ${during.p50} ms, p99 ${during.p99} ms, ` +
      `${during.timeouts} time-outs, ${during.errors} errors`,
  )
  // The card while a channel posts client messages: each one a short write, none may hold the database up.
  const [card, posted] = await Promise.all([
    load(`${api.url}${api.paths!.card}`, { headers, connections: CONNECTIONS - 10 }),
    load(
      `${api.url}${api.paths!.message}`,
      { headers: { ...headers, 'content-type': 'application/json' }, connections: 10 },
      BODIES.message,
    ),
  ])
  console.log(
    `card while 10 connections post client messages: ${Math.round(card.rate)} req/s, p99 ${card.p99} ms, ${card.timeouts} time-outs, ` +
      `${card.errors} errors; messages ${Math.round(posted.rate)}/s, p99 ${posted.p99} ms, ${posted.errors} errors\n`,
  )
  if (WORKERS && env.DATABASE_URL) await everyCore(api, env.DATABASE_URL, WORKERS)
  api.child.disconnect()
  await once(api.child, 'exit')
}
