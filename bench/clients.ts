// npm run bench [-- --clients N] [--again] [--explain]: the client directory at 100,000 clients (or N). Seeds a THROWAWAY
// database (PGlite in a temp folder, or an empty PostgreSQL database given as DATABASE_URL), then
// times the real routes through app.inject, and the CSV export, a 100,000-row import, a bulk tag of
// 50,000 clients and merges over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { buildApp } from '../src/server/app'
import { createTokenService } from '../src/server/modules/auth'
import { openDatabase } from '../src/server/db/client'
import { createLocalBus } from '../src/server/modules/events'
import { measureBatches } from './batches'
import { explainAll } from './explain'
import { measureSuggestions } from './suggestions'
import { ATTRIBUTE_COUNT, CITIES, FILLED_SHARE, HOBBIES, reopen, seed } from './seed'

const flag = process.argv.indexOf('--clients')
const CLIENTS = Number((flag > 0 ? process.argv[flag + 1] : process.env.BENCH_CLIENTS) ?? 100_000)
if (!Number.isInteger(CLIENTS) || CLIENTS < 1000) throw new Error('--clients: a whole number of clients, from 1000')
/** --again: measure the seed an earlier run left in DATABASE_URL, skipping the minutes of seeding. */
const AGAIN = process.argv.includes('--again')
const RUNS = Number(process.env.BENCH_RUNS ?? 30)
/** "Deep into the list": 90% of the way down (row 90,000 of 100,000). */
const DEEP = Math.floor(CLIENTS * 0.9)
const url = process.env.DATABASE_URL
/** The embedded database's folder: BENCH_DATA_DIR keeps it for a later --again; else a throwaway one. */
const kept = url ? undefined : process.env.BENCH_DATA_DIR
const dir = url ? null : (kept ?? mkdtempSync(join(tmpdir(), 'kartoteka-bench-')))
const database = await openDatabase({ databaseUrl: url, dataDir: dir })

try {
  await database.migrate()
  // Never seed over real data: a given database must hold no company yet (or, with --again, our seed alone).
  const { rows } = (await database.db.execute(sql`SELECT count(*)::int AS n FROM companies`)) as unknown as {
    rows: { n: number }[]
  }
  if (rows[0]!.n > 0 && !AGAIN)
    throw new Error('DATABASE_URL must point to an empty, throwaway database: it already has companies')
  await run()
} finally {
  await database.close()
  if (dir && !kept) rmSync(dir, { recursive: true, force: true })
}

async function run() {
  console.log(
    `Kartoteka bench on ${database.kind}${dir ? ` (${dir})` : ''}: ${CLIENTS} clients, ${ATTRIBUTE_COUNT} attributes ` +
      `(${Math.round(FILLED_SHARE * 100)} % filled), 3 tags each, a dialogue for about every sixth, a note for every twentieth, ` +
      `the phone of the one before for every 200th and its e-mail for every 500th`,
  )
  const started = performance.now()
  const s = AGAIN ? await reopen(database.db) : await seed(database.db, CLIENTS, console.log)
  // Fresh statistics, as autovacuum keeps them (new migrations may have added some).
  if (AGAIN) await database.db.execute(sql`ANALYZE`)
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)

  const tokens = createTokenService('bench-secret-bench-secret-bench-secret-0123')
  const token = await tokens.sign({ userId: s.operatorId, companyId: s.companyId, role: 'operator' }, 'access', 3600)
  const supervisor = await tokens.sign(
    { userId: s.supervisorId, companyId: s.companyId, role: 'supervisor' },
    'access',
    3600,
  )
  const bus = createLocalBus()
  const app = await buildApp({ db: database.db, bus, tokens, accessTokenTtlSeconds: 3600, loginRateLimit: 1000 })
  const get = async (path: string) => {
    const as =
      path.startsWith('/reviews') || path.startsWith('/stats') || path.startsWith('/clients/duplicates')
        ? supervisor
        : token
    const res = await app.inject({ method: 'GET', url: `/api/v1${path}`, headers: { authorization: `Bearer ${as}` } })
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 300)}`)
    return res.json() as { count: number | null; items: { id: string }[]; nextCursor?: string }
  }

  const city = s.attributeIds['Город']!
  // The seed's phone of client i (bench/seed.ts), the way a person reads it out: 8 (9xx) xxx xx xx.
  const typedPhone = (i: number) => {
    const d = `9${String(((i - (i % 200 === 0 ? 1 : 0)) * 104729) % 1_000_000_000).padStart(9, '0')}`
    return `8 (${d.slice(0, 3)}) ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`
  }
  const clientIds = (await get('/clients?limit=500&sort=name&withoutCount=true')).items.map((c) => c.id)
  // The cursor of the page at DEEP, reached as a reader does: page after page by nextCursor (an offset that
  // deep is refused).
  const cursorAt = async (query: string) => {
    let cursor = ''
    for (let at = 0; at < DEEP; at += 500)
      cursor = (await get(`/clients?${query}&limit=500&withoutCount=true${cursor && `&cursor=${cursor}`}`)).nextCursor!
    return cursor
  }
  const deep = { nextCursor: await cursorAt('sort=name') }
  const deepDefault = { nextCursor: await cursorAt('sort=lastSessionAt') }
  const attr = (name: string) => s.attributeIds[name]!
  // Two interests a client of the seed has together (its 'Интересы' picks hobbies 3i and 7i).
  const HOBBIES_OF = (i: number) => `${HOBBIES[(i * 3) % 10]},${HOBBIES[(i * 7) % 10]}`
  const pct = (share: number) => `~${Math.round(share * 100)}%`
  const q = encodeURIComponent
  const cases: [string, (i: number) => string][] = [
    ['keyword: e-mail part (rare)', (i) => `/clients?keyword=client${4242 + i}`],
    ['keyword: surname (~3%)', (i) => `/clients?keyword=${q(['Новиков', 'Орлов', 'Зайцев'][i % 3]!)}`],
    ['keyword: phone as 8 (9xx) xxx xx xx', (i) => `/clients?keyword=${q(typedPhone(4242 + i * 17))}`],
    ['keyword: external ID', (i) => `/clients?keyword=ext-${4242 + i * 31}`],
    ['keyword: parameter value', (i) => `/clients?keyword=${q(['садоводство и', 'йога и шахматы'][i % 2]!)}`],
    ['keyword: a note', (i) => `/clients?keyword=${q(`18:00, ${CITIES[i % 20]}, ${['бег', 'йога'][i % 2]}`)}`],
    ['tag (30%)', (i) => `/clients?tagId=${s.tagIds[i % s.tagIds.length]}`],
    ['without a tag (70%)', (i) => `/clients?withoutTagId=${s.tagIds[i % s.tagIds.length]}`],
    ['two tags (~20%), by name', (i) => `/clients?tagId=${s.tagIds[i % 10]}&tagId=${s.tagIds[(i + 1) % 10]}&sort=name`],
    [`parameter equals (city, ${pct(0.9 / 20)})`, (i) => `/clients?attr.${attr('Город')}=${q(CITIES[i % 20]!)}`],
    ['parameter set (e-mail, 30%)', () => `/clients?attr.${attr('Рабочая почта')}=*`],
    ['parameter empty (site, 80%)', () => `/clients?attr.${attr('Сайт')}=`],
    [
      `number range (age 30–35, ${pct(0.8 * 0.1)})`,
      () => `/clients?attr.${attr('Возраст')}.gte=30&attr.${attr('Возраст')}.lte=35`,
    ],
    [
      `date range (1980s, ${pct(0.7 * 0.18)})`,
      () => `/clients?attr.${attr('Дата рождения')}.gte=1980-01-01&attr.${attr('Дата рождения')}.lte=1989-12-31`,
    ],
    [`last 30 days (order, ${pct((0.5 * 30) / 730)})`, () => `/clients?attr.${attr('Последний заказ')}.lastDays=30`],
    [
      `any of two cities (${pct(0.09)}), by name`,
      (i) => `/clients?sort=name&attr.${attr('Город')}.any=${q(`${CITIES[i % 20]},${CITIES[(i + 1) % 20]}`)}`,
    ],
    ['all of two interests (multi-select)', (i) => `/clients?attr.${attr('Интересы')}.all=${q(`${HOBBIES_OF(i)}`)}`],
    [
      'range + tag (age from 20–49, a tag)',
      (i) => `/clients?attr.${attr('Возраст')}.gte=${20 + (i % 30)}&tagId=${s.tagIds[i % 10]}`,
    ],
    [
      'parameter + tag, by updatedAt',
      (i) => `/clients?attr.${attr('Город')}=${q(CITIES[i % 20]!)}&tagId=${s.tagIds[i % 10]}&sort=updatedAt`,
    ],
    [
      'range + tag + keyword, by name',
      (i) =>
        `/clients?sort=name&keyword=${q(['Новиков', 'Орлов'][i % 2]!)}&tagId=${s.tagIds[i % 10]}&attr.${attr('Возраст')}.gte=40`,
    ],
    ['nothing matches', () => `/clients?attr.${attr('Город')}=${q('Москва')}&attr.${attr('Возраст')}.gte=100`],
    ['deepest offset page (10,000)', () => `/clients?limit=50&offset=10000&withoutCount=true`],
    [
      `deep page: keyset at ${DEEP} (name)`,
      () => `/clients?sort=name&limit=50&withoutCount=true&cursor=${deep.nextCursor}`,
    ],
    [
      `deep page: keyset at ${DEEP} (lastSessionAt)`,
      () => `/clients?limit=50&withoutCount=true&cursor=${deepDefault.nextCursor}`,
    ],
    ['first page with count (to 10,000)', () => '/clients?limit=50'],
    ['first page, exact count', () => '/clients?limit=50&withCount=exact'],
    ['history of one client', (i) => `/clients/${clientIds[i % clientIds.length]}/history`],
    ['review queue, nothing reviewed yet (30 days)', () => '/reviews/pending?limit=20'],
    ['duplicates', () => '/clients/duplicates?limit=20'],
    [
      'card quality, a year',
      () => `/stats/cards?from=${new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10)}`,
    ],
  ]
  console.log(`${'request'.padEnd(46)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}   (${RUNS} runs each)`)
  const time = async (name: string, path: (i: number) => string, before: () => void = () => {}) => {
    for (let i = 0; i < 3; i++) await get(path(i)) // warm-up: plan caches, buffers
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      before()
      const t = performance.now()
      await get(path(i))
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1)
    console.log(`${name.padEnd(46)} ${at(0.5).padStart(8)} ${at(0.95).padStart(8)}`)
  }
  for (const [name, path] of cases) await time(name, path)

  // The navigation's saved views: 200 shared ones of every filter kind, listed as every panel lists them,
  // with no count known yet and with them all known, and one view's own count.
  const kinds = [
    (i: number) => `attr.${city}=${encodeURIComponent(CITIES[i % 20]!)}`,
    (i: number) => `tagId=${s.tagIds[i % 10]}`,
    (i: number) => `q=${encodeURIComponent(['Новиков', 'Орлов', 'Зайцев'][i % 3]!)}`,
    (i: number) => `attr.${s.attributeIds['Возраст']}.gte=${20 + (i % 30)}&tagId=${s.tagIds[i % 10]}`,
  ]
  await database.db.execute(sql`INSERT INTO saved_views (company_id, owner_id, name, query, shared)
    SELECT ${s.companyId}, ${s.supervisorId}, 'Вид ' || n, q, true FROM unnest(${sql.param(Array.from({ length: 200 }, (_, i) => kinds[i % 4]!(i)))}::text[]) WITH ORDINALITY x(q, n)`)
  const forget = () => bus.publish(s.companyId, { type: 'clients.changed' })
  await time('saved views: 200, no count known', () => '/views', forget)
  const listed = (await get('/views')).items
  for (const v of listed) await get(`/views/${v.id}/count`)
  await time('saved views: 200, every count known', () => '/views')
  await time(
    "one saved view's count, after a card changed",
    (i) => `/views/${listed[i % listed.length]!.id}/count`,
    forget,
  )

  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  await measureExport(base, supervisor)
  if (process.argv.includes('--explain')) await explainAll(database.db, s, DEEP)
  const admin = await tokens.sign({ userId: s.adminId, companyId: s.companyId, role: 'admin' }, 'access', 3600)
  await measureBatches(base, s, { admin, supervisor })
  await measureSuggestions(base, admin)
  await app.close()
}

/**
 * The export over real HTTP, read as a browser would. RSS and JS heap are sampled while it streams;
 * every 100 chunks a forced GC (npm run bench passes --expose-gc) shows the heap that stays live, which
 * is what a streaming export must keep flat: peaks without GC are mostly garbage not yet collected.
 */
async function measureExport(base: string, token: string) {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const before = process.memoryUsage()
  const peak = { rss: before.rss, heap: before.heapUsed, live: before.heapUsed }
  const sampler = setInterval(() => {
    const now = process.memoryUsage()
    peak.rss = Math.max(peak.rss, now.rss)
    peak.heap = Math.max(peak.heap, now.heapUsed)
  }, 10)
  const t = performance.now()
  const res = await fetch(`${base}/api/v1/clients/export.csv`, { headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`export: ${res.status} ${await res.text()}`)
  let lines = 0
  let bytes = 0
  let chunks = 0
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length
    // Counted natively: a loop over each byte would cost this process, which serves the export too, more than the file.
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++
    if (gc && ++chunks % 100 === 0) {
      gc()
      peak.live = Math.max(peak.live, process.memoryUsage().heapUsed)
    }
  }
  const seconds = (performance.now() - t) / 1000
  clearInterval(sampler)
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0)
  console.log(
    `\nexport: ${lines - 1} rows, ${mb(bytes)} MB in ${seconds.toFixed(1)} s = ${Math.round((lines - 1) / seconds)} rows/s`,
  )
  console.log(
    `  RSS ${mb(before.rss)} MB before, peak ${mb(peak.rss)} MB (+${mb(peak.rss - before.rss)}); JS heap ${mb(before.heapUsed)} MB ` +
      `before, peak ${mb(peak.heap)} MB${gc ? `, live after GC at most ${mb(peak.live)} MB (+${mb(peak.live - before.heapUsed)})` : ''}`,
  )
}
