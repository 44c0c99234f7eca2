import { sql } from 'drizzle-orm'
import { openDatabase } from '../src/server/db/client'
import { buildApp } from '../src/server/app'
import { createTokenService } from '../src/server/modules/auth'
import { createLocalBus } from '../src/server/modules/events'
import { reopen, seed } from './seed'
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: null })
await database.migrate()
const { db } = database
const n = ((await db.execute(sql`SELECT count(*)::int AS n FROM companies`)) as any).rows[0].n
const s = n ? await reopen(db) : await seed(db, Number(process.env.N ?? 100000), console.log)
await db.execute(sql`UPDATE companies SET operators_export = true`)
const tokens = createTokenService('bench-secret-bench-secret-bench-secret-0123')
const token = await tokens.sign({ userId: s.operatorId, companyId: s.companyId, role: 'operator' }, 'access', 3600)
const app = await buildApp({ db, bus: createLocalBus(), tokens, accessTokenTtlSeconds: 3600, loginRateLimit: 1000 })
const base = await app.listen({ port: 0, host: '127.0.0.1' })
if (process.env.SERVE) { process.send ? process.send({ base, token }) : console.log(JSON.stringify({ base, token })); await new Promise(() => {}) }
for (let k = 0; k < 2; k++) {
  const t = performance.now()
  const res = await fetch(`${base}/api/v1/clients/export.csv`, { headers: { authorization: `Bearer ${token}` } })
  let lines = 0, bytes = 0
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++
  }
  const sec = (performance.now() - t) / 1000
  console.log(`export ${lines - 1} rows ${(bytes / 1e6).toFixed(0)} MB ${sec.toFixed(1)} s = ${Math.round((lines - 1) / sec)} rows/s`)
}
await app.close(); await database.close()
