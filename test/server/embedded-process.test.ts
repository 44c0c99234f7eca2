import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { startEmbedded } from '../../src/server/db/embedded'
import { maintainTables } from '../../src/server/db/maintenance'

it(
  'starts its database process again when it dies, with what it had committed, and the pool reconnects',
  { skip: Boolean(process.env.DATABASE_URL) },
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kartoteka-restart-'))
    const lines: string[] = []
    const embedded = await startEmbedded(dataDir, (line) => lines.push(line))
    try {
      await embedded.pool.query('CREATE TABLE kept (n int)')
      await embedded.pool.query('INSERT INTO kept VALUES (1), (2)')
      const first = embedded.pid
      process.kill(first!, 'SIGKILL')
      await expect.poll(() => lines.join('\n'), { timeout: 30_000 }).toContain('The embedded database process is back.')
      expect(lines[0]).toBe('The embedded database process stopped (SIGKILL); starting it again (1 of 3).')
      expect(embedded.pid).not.toBe(first)
      await expect
        .poll(
          async () =>
            (await embedded.pool.query('SELECT count(*)::int AS n FROM kept').catch(() => ({ rows: [] }))).rows[0]?.n,
          { timeout: 10_000 },
        )
        .toBe(2)
    } finally {
      await embedded.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
)

it(
  'stops the service with a clear line when its database process keeps dying, rather than hanging',
  { skip: Boolean(process.env.DATABASE_URL), timeout: 120_000 },
  async () => {
    const service = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../support/embedded-holder.ts')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    service.stderr.on('data', (d) => (err += d))
    service.stdout.on('data', (d) => (out += d))
    const exited = once(service, 'exit')
    const killed = new Set<number>()
    // Each new database process is killed as soon as it is named: the fourth stop within a minute ends the service.
    const killer = setInterval(() => {
      for (const [, pid] of out.matchAll(/database process (\d+)/g)) {
        if (killed.has(Number(pid))) continue
        killed.add(Number(pid))
        try {
          process.kill(Number(pid), 'SIGKILL')
        } catch {
          // gone already
        }
      }
    }, 50)
    const [code] = await exited
    clearInterval(killer)
    expect(code).toBe(1)
    expect(err).toContain('starting it again (1 of 3)')
    expect(err).toContain('times within a minute; the service cannot go on without it and stops.')
    expect(err).not.toMatch(/\n\s+at /)
  },
)

it(
  'keeps nothing of the answers it has sent: the database process does not grow with each query',
  { skip: Boolean(process.env.DATABASE_URL), timeout: 120_000 },
  async () => {
    const embedded = await startEmbedded(null)
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${embedded.pid}/status`, 'utf8'))![1]) / 1024
    try {
      const big = `SELECT repeat('ответ ', 20000) AS body`
      for (let i = 0; i < 500; i++) await embedded.pool.query(big)
      const before = rss()
      // 2,000 answers of 220 KB: 440 MB if the process kept them.
      for (let i = 0; i < 2000; i++) await embedded.pool.query(big)
      expect(rss() - before).toBeLessThan(150)
    } finally {
      await embedded.close()
    }
  },
)

it(
  'keeps its tables reclaimed and the planner informed, which PGlite has no autovacuum to do',
  { skip: Boolean(process.env.DATABASE_URL), timeout: 60_000 },
  async () => {
    const embedded = await startEmbedded(null)
    try {
      await embedded.pool.query('CREATE TABLE kept (n int, note text)')
      await embedded.pool.query(`INSERT INTO kept SELECT n, repeat('x', 200) FROM generate_series(1, 5000) n`)
      await embedded.pool.query('DELETE FROM kept WHERE n % 2 = 0')
      const stats = async () =>
        (
          await embedded.pool.query<{ tuples: number; columns: number }>(
            `SELECT (SELECT reltuples FROM pg_class WHERE relname = 'kept')::int AS tuples,
              (SELECT count(*) FROM pg_stats WHERE tablename = 'kept')::int AS columns`,
          )
        ).rows[0]!
      // Left to itself, the planner never learns what the table holds.
      expect(await stats()).toEqual({ tuples: -1, columns: 0 })
      expect(await maintainTables(embedded.pool)).toBeGreaterThanOrEqual(1)
      expect(await stats()).toEqual({ tuples: 2500, columns: 2 })
      // The deleted half's space is free again: new rows take it instead of growing the file.
      const size = async () =>
        (await embedded.pool.query<{ n: number }>(`SELECT pg_relation_size('kept')::int AS n`)).rows[0]!.n
      const before = await size()
      await embedded.pool.query(`INSERT INTO kept SELECT n, repeat('x', 200) FROM generate_series(1, 2000) n`)
      expect(await size()).toBe(before)
    } finally {
      await embedded.close()
    }
  },
)
