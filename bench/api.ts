// npm run bench:api: the API's throughput against a bare Fastify route and against its own SQL, in one
// run on the same machine. Starts a bare route and the service on the embedded database (then on
// PostgreSQL when DATABASE_URL names an empty, throwaway database), each in its own process, loads
// each route with autocannon and prints req/s, p50, p99, time-outs and the two ratios.
// BENCH_PROFILE=<folder> writes a CPU profile of each service process there (bench/profile-top.ts reads it).
// BENCH_CLIENTS (default 2,000) sizes the directory, which is exported back to back while the card is loaded.
// BENCH_ROUTES=card,write and BENCH_DATABASES=postgres narrow a run to some routes or one database.
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const SQL_CONCURRENCY = 8
const PROFILE = process.env.BENCH_PROFILE
const ALL_ROUTES = ['card', 'list', 'write', 'directory'] as const
const ROUTES = ALL_ROUTES.filter((r) => !process.env.BENCH_ROUTES || process.env.BENCH_ROUTES.split(',').includes(r))
const LABELS = {
  card: 'card (40 attributes)',
  list: 'dialogue list (50)',
  write: 'value write',
  directory: 'directory page (50)',
}

const SERVICE_FLAGS = ['--max-semi-space-size=8', ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [])]

type Ready = {
  url: string
  kind?: string
  token?: string
  clients?: number
  paths?: Record<(typeof ALL_ROUTES)[number] | 'messages', string>
}

async function start(env: Record<string, string | undefined>) {
  const child = fork(new URL('./api-target.ts', import.meta.url), {
    env: { ...process.env, ...env },
    // The service runs with the young generation `npm start` gives it.
    execArgv: ['--import', 'tsx', ...(env.BENCH_ROLE === 'service' ? SERVICE_FLAGS : [])],
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

/** `body` makes each request a POST of its own JSON body. */
async function load(url: string, opts: Partial<autocannon.Options> = {}, body?: (i: number) => object) {
  let i = 0
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 10,
    ...opts,
    ...(body && {
      method: 'POST',
      requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body(i++)) }) }],
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

async function ownSql(child: ChildProcess, measure: string) {
  child.send({ measure, seconds: Math.max(2, SECONDS / 2), concurrency: SQL_CONCURRENCY })
  const [reply] = (await once(child, 'message')) as [{ rate: number }]
  return reply.rate
}

/** The value write again with a webhook subscribed to every event: its receiver answering in 200 ms, then down. */
async function writeWithWebhooks(api: Awaited<ReturnType<typeof start>>) {
  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' }
  const write = () =>
    load(`${api.url}${api.paths!.write}`, { headers }, (i) => ({ value: `вебхук ${i}` })).then((r) => r.rate)
  const subscribe = async (url: string | null) => {
    api.child.send({ webhook: url })
    await once(api.child, 'message')
  }
  let received = 0
  const receiver = createServer((req, res) => {
    req.resume()
    req.on('end', () => setTimeout(() => (received++, res.end('ok')), 200))
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const { port } = receiver.address() as AddressInfo
  const plain = await write()
  await subscribe(`http://127.0.0.1:${port}/hook`)
  const slow = await write()
  await new Promise((r) => setTimeout(r, 2000))
  const delivered = received / (SECONDS + 2)
  await new Promise((resolve) => (receiver.close(resolve), receiver.closeAllConnections()))
  const down = await write()
  await subscribe(null)
  console.log(
    `value write with a webhook on every event: receiver answering in 200 ms ${Math.round(slow)} req/s ` +
      `(÷ without ${(slow / plain).toFixed(2)}, ${Math.round(delivered)} events delivered/s), receiver down ` +
      `${Math.round(down)} req/s (÷ without ${(down / plain).toFixed(2)}); without ${Math.round(plain)} req/s`,
  )
}

const bare = await start({ BENCH_ROLE: 'bare' })
const bareRate = (await load(bare.url)).rate
console.log(`bare Fastify route: ${Math.round(bareRate)} req/s at ${CONNECTIONS} connections, ${SECONDS} s per route\n`)

const databases = [
  { DATABASE_URL: '' },
  ...(process.env.DATABASE_URL ? [{ DATABASE_URL: process.env.DATABASE_URL }] : []),
].filter(
  (env) =>
    !process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.includes(env.DATABASE_URL ? 'postgres' : 'pglite'),
)
for (const env of databases) {
  const api = await start({ ...env, BENCH_ROLE: 'service' })
  console.log(`service on ${api.kind}`)
  console.log(
    [
      'route'.padEnd(22),
      'req/s',
      '  p50 ms',
      '  p99 ms',
      'timeouts',
      'errors',
      'own SQL q/s',
      '÷ bare',
      '÷ own SQL',
    ].join('  '),
  )
  for (const route of ROUTES) {
    const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' }
    const r = await load(
      `${api.url}${api.paths![route]}`,
      { headers },
      route === 'write' ? (i) => ({ value: `увлечение ${i}` }) : undefined,
    )
    const own = await ownSql(api.child, route)
    console.log(
      [
        LABELS[route].padEnd(22),
        String(Math.round(r.rate)).padStart(5),
        String(r.p50).padStart(8),
        String(r.p99).padStart(8),
        String(r.timeouts).padStart(8),
        String(r.errors).padStart(6),
        String(Math.round(own)).padStart(11),
        (r.rate / bareRate).toFixed(4).padStart(6),
        (r.rate / own).toFixed(2).padStart(9),
      ].join('  '),
    )
  }
  if (ROUTES.includes('write')) await writeWithWebhooks(api)
  // The card while CSV exports of the whole directory stream back to back for the whole load: short
  // requests must not wait behind them.
  const headers = { authorization: `Bearer ${api.token}` }
  const exports = { running: true, done: 0, seconds: 0 }
  const exporting = (async () => {
    while (exports.running) {
      const started = performance.now()
      const res = await fetch(`${api.url}/api/v1/clients/export.csv`, { headers })
      if (!res.ok) throw new Error(`export: ${res.status}`)
      const reader = res.body!.getReader()
      while (!(await reader.read()).done);
      exports.done++
      exports.seconds += (performance.now() - started) / 1000
    }
  })()
  const during = await load(`${api.url}${api.paths!.card}`, { headers })
  exports.running = false
  await exporting
  console.log(
    `card while all ${api.clients} clients are exported to CSV back to back (${exports.done} exports, ` +
      `${(exports.seconds / exports.done).toFixed(1)} s each): ${Math.round(during.rate)} req/s, p50 ${during.p50} ms, p99 ${during.p99} ms, ` +
      `${during.timeouts} time-outs, ${during.errors} errors`,
  )
  // The card while a channel posts client messages: each one a short write, none may hold the database up.
  const [card, posted] = await Promise.all([
    load(`${api.url}${api.paths!.card}`, { headers, connections: CONNECTIONS - 10 }),
    load(
      `${api.url}${api.paths!.messages}`,
      { headers: { ...headers, 'content-type': 'application/json' }, connections: 10 },
      (i) => ({ body: `Сообщение клиента ${i}` }),
    ),
  ])
  console.log(
    `card while 10 connections post client messages: ${Math.round(card.rate)} req/s, p99 ${card.p99} ms, ${card.timeouts} time-outs, ` +
      `${card.errors} errors; messages ${Math.round(posted.rate)}/s, p99 ${posted.p99} ms, ${posted.errors} errors\n`,
  )
  api.child.disconnect()
  await once(api.child, 'exit')
}
bare.child.kill()
