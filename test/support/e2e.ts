import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe } from 'vitest'
import type * as AxeCore from 'axe-core'

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p))

/**
 * Browser tests run when a Chromium is found. Without one they are skipped with a notice, except on CI,
 * where a missing browser is a failure rather than a silently green run.
 */
if (!chromiumPath && process.env.CI)
  throw new Error('CI: Chromium not found (install the Debian package "chromium" or set CHROMIUM_PATH)')
if (!chromiumPath)
  console.warn(
    '\n  Browser tests skipped: no Chromium found. Install it (apt-get install chromium) or set CHROMIUM_PATH.\n',
  )
export const describeInBrowser = describe.skipIf(!chromiumPath)

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number }
        srv.close(() => resolve(port))
      })
      .on('error', reject)
  })
}

let built = false

/** The real service as `npm start` runs it (built, embedded database, demo data), on a free port. */
export async function startServer() {
  if (!built) {
    const build = spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { encoding: 'utf8' })
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`)
    built = true
  }
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'kartoteka-e2e-'))
  const child: ChildProcess = spawn(process.execPath, ['dist-server/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // Webhook receivers of the tests listen on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = `http://127.0.0.1:${port}`
  // The service prints its URL once it listens; an exit before that is a failed start.
  await new Promise<void>((resolve, reject) => {
    const read = (d: Buffer) => {
      output += d
      if (output.includes(`running at ${url}`)) resolve()
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', () => reject(new Error(`service did not start:\n${output}`)))
  })
  let stopped = false
  const exit = async () => {
    if (stopped) return
    stopped = true
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
  return {
    url,
    /** Stops the service and leaves its database for the test to read; `stop` removes it after. */
    async stopKeepingData() {
      await exit()
      return dataDir
    },
    async stop() {
      await exit()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Signs in over the API, for the parts of a scenario that a channel or integration plays. */
export async function apiLogin(url: string, email: string, password = 'demo1234') {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`)
  const { authToken } = (await res.json()) as { authToken: string }
  return (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${authToken}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }))
}

/** A fresh browser context (its own storage) on the sign-in page, the form sent. */
export async function submitSignIn(browser: Browser, url: string, email: string, password = 'demo1234'): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage()
  await page.goto(`${url}/`)
  await page.getByRole('textbox', { name: 'Почта' }).fill(email)
  await page.getByRole('textbox', { name: 'Пароль' }).fill(password)
  await page.getByRole('button', { name: 'Войти', exact: true }).click()
  return page
}

/** Signed in as the demo operator in a window of the given size, on the dialogues. */
export async function signInAt(browser: Browser, url: string, width: number, height = 768): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width, height } })).newPage()
  await page.goto(`${url}/`)
  await page.getByRole('textbox', { name: 'Почта' }).fill('operator@demo.test')
  await page.getByRole('textbox', { name: 'Пароль' }).fill('demo1234')
  await page.getByRole('button', { name: 'Войти', exact: true }).click()
  await page.getByRole('list', { name: 'Диалоги' }).waitFor()
  return page
}

/** Signed in as a demo user, on the dialogues. */
export async function signIn(browser: Browser, url: string, email: string): Promise<Page> {
  const page = await submitSignIn(browser, url, email)
  await page.getByRole('list', { name: 'Диалоги' }).waitFor()
  return page
}

/** The service and a Chromium for one test file: started before its tests, stopped after them. */
export function useServerAndBrowser() {
  const ctx = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser }
  beforeAll(async () => {
    ctx.server = await startServer()
    ctx.browser = await launchBrowser()
  })
  afterAll(async () => {
    await ctx.browser?.close()
    await ctx.server?.stop()
  })
  return ctx
}

/**
 * What axe-core (WCAG 2.x A and AA rules) finds serious or critical on the page as it is now, one line each:
 * the rule and the elements. `within` narrows it to a part of the page.
 */
export async function seriousAxeViolations(page: Page, within?: string): Promise<string[]> {
  const { source } = await import('axe-core')
  // Evaluated rather than added as a <script>: the panel's CSP allows no inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source)
  const violations = await page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: typeof AxeCore }).axe
    const result = await axe.run(context ? { include: [context] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  }, within ?? null)
  return violations
}
