// The card benchmark in a real Chromium, with React's production build and the panel's styles:
//   npx tsx bench/card-render-browser.ts        (Chromium from CHROMIUM_PATH or /usr/bin/chromium)
// Builds bench/card-render.html with the panel's Vite config into a temporary folder, serves it, and
// prints p50/p95 of the first render (with layout) and of one keystroke in an open editor.
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { summary } from './card-render-stats'

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

const outDir = mkdtempSync(join(tmpdir(), 'kartoteka-card-bench-'))
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  )
  try {
    const body = await readFile(join(outDir, path))
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body)
  } catch {
    res.writeHead(404).end()
  }
})

try {
  await build({
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      chunkSizeWarningLimit: 2048,
      rollupOptions: { input: 'bench/card-render.html' },
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/bench/card-render.html`)
    const result = (await (
      await page.waitForFunction(() => (window as { benchResult?: unknown }).benchResult, null, { timeout: 120_000 })
    ).jsonValue()) as { renders: number[]; keystrokes: number[] }
    console.log(`${summary('first render', result.renders)} (Chromium, production React, with layout)`)
    console.log(`${summary('one keystroke', result.keystrokes)} (Chromium, production React, with layout)`)
  } finally {
    await browser.close()
  }
} finally {
  server.close()
  rmSync(outDir, { recursive: true, force: true })
}
