// Imports, bulk edits and merges at the bench's scale, over real HTTP against the seeded company.
import type { Seeded } from './seed'

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)
const MERGES = 10
/** External IDs of this run's rows: a run with --again finds the cards an earlier run merged (its undo keeps them). */
const RUN = `bench-imp-${Date.now().toString(36)}`

const mb = (n: number) => (n / 1024 / 1024).toFixed(0)

/** Peak RSS and JS heap of this process (the service and, on PGlite, its database client) while `work` runs. */
async function withMemory<T>(work: () => Promise<T>) {
  const before = process.memoryUsage()
  const peak = { rss: before.rss, heap: before.heapUsed }
  const sampler = setInterval(() => {
    const now = process.memoryUsage()
    peak.rss = Math.max(peak.rss, now.rss)
    peak.heap = Math.max(peak.heap, now.heapUsed)
  }, 10)
  const t = performance.now()
  try {
    const result = await work()
    return {
      result,
      seconds: (performance.now() - t) / 1000,
      memory: `RSS peak +${mb(peak.rss - before.rss)} MB, JS heap peak +${mb(peak.heap - before.heapUsed)} MB`,
    }
  } finally {
    clearInterval(sampler)
  }
}

/** A file of rows `from` to `to`, generated as it is sent: half the names start «Импорт А», half «Импорт Б». */
function csvStream(from: number, to: number) {
  let i = from
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i === from) controller.enqueue(encoder.encode('Внешний ID;Имя;Телефон;Город;Теги клиента\r\n'))
      const lines: string[] = []
      for (const end = Math.min(to, i + 1000); i < end; i++) {
        lines.push(
          `${RUN}-${i};Импорт ${i % 2 ? 'Б' : 'А'} ${i};+7 95${String(i).padStart(8, '0')};Казань;${i % 3 ? '' : 'Тег 1'}`,
        )
      }
      controller.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`))
      if (i >= to) controller.close()
    },
  })
}

export async function measureBatches(base: string, s: Seeded, tokens: { admin: string; supervisor: string }) {
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`)
    return res.json() as Promise<Record<string, unknown>>
  }

  type Imported = { importId: string; created: number; skipped: number }
  // One file however many rows: the import reads it as it streams in, its memory the same for any length.
  const imported = await withMemory(async () => {
    const res = await fetch(`${base}/api/v1/clients/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'text/csv' },
      body: csvStream(0, IMPORT_ROWS),
      duplex: 'half',
    } as RequestInit)
    if (!res.ok) throw new Error(`import: ${res.status} ${(await res.text()).slice(0, 300)}`)
    return (await res.json()) as Imported
  })
  console.log(
    `\nimport: ${IMPORT_ROWS} rows in one file (${imported.result.created} created, ${imported.result.skipped} skipped) ` +
      `in ${imported.seconds.toFixed(1)} s = ${Math.round(IMPORT_ROWS / imported.seconds)} rows/s; ${imported.memory}`,
  )

  const filter = { keyword: 'Импорт А' }
  const bulk = await withMemory(() =>
    call(tokens.supervisor, 'POST', '/clients/bulk', { filter, addTags: [s.tagIds[9]] }),
  )
  console.log(
    `bulk tag: ${String(bulk.result.matched)} clients (${String(bulk.result.changed)} changed) in ${bulk.seconds.toFixed(1)} s ` +
      `= ${Math.round(Number(bulk.result.matched) / bulk.seconds)} clients/s; ${bulk.memory}`,
  )
  const bulkUndo = await withMemory(() =>
    call(tokens.supervisor, 'POST', `/batches/${String(bulk.result.batchId)}/undo`),
  )
  console.log(
    `bulk undo: ${String(bulkUndo.result.reverted)} changes back in ${bulkUndo.seconds.toFixed(1)} s; ${bulkUndo.memory}`,
  )

  const times: number[] = []
  for (let i = 0; i < MERGES; i++) {
    const t = performance.now()
    await call(tokens.supervisor, 'POST', `/clients/${RUN}-${2 * i}/merge`, { sourceId: `${RUN}-${2 * i + 1}` })
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  console.log(
    `merge of two cards: p50 ${times[Math.floor(MERGES / 2)]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (${MERGES} merges)`,
  )

  const importUndo = await withMemory(() => call(tokens.admin, 'POST', `/imports/${imported.result.importId}/undo`))
  console.log(
    `import undo: ${String(importUndo.result.deleted)} clients deleted, ${String(importUndo.result.kept)} kept in ${importUndo.seconds.toFixed(1)} s; ${importUndo.memory}`,
  )
}
