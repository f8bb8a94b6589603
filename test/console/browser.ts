// Browser-test harness: the real server (built console, in-memory SQLite, demo data) as a child process, and Debian's chromium.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { fromRoot } from '../../src/lib/project-root.ts'

export const DEMO_PASSWORD = 'demo-Talent-2026!'
export const demo = {
  enterprise: 'hr@autoparts.demo.talent-orders.cn',
  college: 'admissions@polytechnic.demo.talent-orders.cn',
  college2: 'office@techschool.demo.talent-orders.cn',
  coordinator: 'coordinator.equipment@demo.talent-orders.cn'
}

type Tap = { teardown: (fn: () => unknown) => void, skip?: unknown }

const freePort = () => new Promise<number>((resolve, reject) => {
  const srv = createServer()
  srv.once('error', reject)
  srv.listen(0, '127.0.0.1', () => {
    const address = srv.address()
    const port = typeof address === 'object' && address ? address.port : 0
    srv.close(() => resolve(port))
  })
})

/** Starts `src/server.ts` on a free port of 127.0.0.1 and waits for /ready; stopped with the test. */
export async function startServer (t: Tap, env: Record<string, string> = {}): Promise<string> {
  if (!existsSync(fromRoot('console', 'dist', 'index.html'))) throw new Error('console not built: run `npm run build:console` first')
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import=tsx', 'src/server.ts'], {
    cwd: fromRoot(),
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: ':memory:',
      DEMO_DATA: 'true',
      SCRYPT_LOG_N: '10',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'console-browser-tests-secret-0123456789abcdef',
      ...env
    },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  t.teardown(() => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  }))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`)
    try {
      if ((await fetch(`${base}/ready`)).ok) return base
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`server did not become ready: ${stderr}`)
}

/**
 * Launches headless chromium; closed with the test. Playwright gives every launch a fresh temporary
 * --user-data-dir of its own (it refuses one passed in args), and each actor gets its own context.
 */
export async function launchBrowser (t: Tap): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'
    ]
  })
  t.teardown(() => browser.close())
  return browser
}

export async function newPage (browser: Browser, base: string): Promise<{ context: BrowserContext, page: Page }> {
  const context = await browser.newContext({ baseURL: base, locale: 'en-US', viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  page.on('dialog', (dialog) => { dialog.accept().catch(() => {}) })
  return { context, page }
}

/** Logs in through the form's stable hooks and waits for the shell's menu. */
/** A call of the JSON API as one logged-in user; a 204 answers undefined, any other failure throws. */
export type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>

/** A JSON API client logged in as one demo user: sets the scene, and reads what the API says to compare with the page. */
export async function apiAs (base: string, email: string): Promise<Call> {
  const login = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD })
  })
  const { accessToken } = await login.json() as { accessToken: string }
  return async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return (res.status === 204 ? undefined : await res.json()) as T
  }
}

export async function loginAs (page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await page.click('form button[type=submit]')
  await page.waitForURL((url) => url.pathname !== '/login')
  await page.waitForSelector('nav.menu')
}

export const screenshotDir = () => {
  const dir = process.env['CONSOLE_SCREENSHOTS']
  return dir && existsSync(dir) ? dir : null
}

/** Saves a screenshot when CONSOLE_SCREENSHOTS names a folder (for looking at the layout). */
export async function shot (page: Page, name: string): Promise<void> {
  const dir = screenshotDir()
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true })
}
