// Test helpers for hardening: problem assertions, a real server in a child process, and HTTP over the network.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import Fastify, { type LightMyRequestResponse, type RouteOptions } from 'fastify'
import { fromRoot } from '../../src/lib/project-root.ts'
import { app as appPlugin } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { serverOptions } from '../../src/server-options.ts'
import { testEnv, testDatabaseEnv, TestClock, TEST_ENGINE, type TestApp } from '../helper.ts'

type Assert = Pick<Test, 'equal' | 'match'>
type Tap = { teardown: (fn: () => unknown) => void }

/** Asserts an RFC 9457 problem with the status (and code, when given); returns the parsed body. */
export function expectProblem (t: Assert, res: LightMyRequestResponse, status: number, code?: string): Record<string, unknown> {
  t.equal(res.statusCode, status, `status ${status} (${res.body.slice(0, 200)})`)
  t.match(String(res.headers['content-type']), /^application\/problem\+json/, 'problem+json')
  const body = JSON.parse(res.body) as Record<string, unknown>
  t.equal(body['status'], status, 'body.status')
  if (code !== undefined) t.equal(body['code'], code, 'body.code')
  return body
}

/** A fresh temporary folder, removed with the test. */
export function tempDir (t: Tap, prefix = 'talent-orders-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * One database for several apps (two processes sharing it): a SQLite file in a temporary folder,
 * or one PostgreSQL database of the run's cluster. Pass it as overrides to each buildTestApp.
 */
export async function sharedDatabaseEnv (t: Tap, name = 'shared.db'): Promise<Record<string, string>> {
  if (TEST_ENGINE === 'sqlite') return { DATABASE_PATH: join(tempDir(t), name) }
  return await testDatabaseEnv(t)
}

export type RouteEntry = { method: string, url: string, config: RouteOptions['config'], schema: RouteOptions['schema'] }

/** The app as buildTestApp builds it, plus the route table as Fastify registered it (method, url, config, schema). */
export async function buildInventoriedApp (t: Tap, overrides: Record<string, string> = {}): Promise<{ app: TestApp, routes: RouteEntry[] }> {
  const config = loadConfig(testEnv({ ...await testDatabaseEnv(t), ...overrides }))
  const clock = new TestClock()
  const fastify = Fastify(serverOptions(config))
  const routes: RouteEntry[] = []
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, config: route.config, schema: route.schema })
  })
  await fastify.register(appPlugin, { config, clock: clock.now })
  await fastify.ready()
  const app = fastify as unknown as TestApp
  app.testClock = clock
  t.teardown(() => app.close())
  return { app, routes }
}

export const SERVER_SECRET = 'server-test-secret-that-is-long-enough-0123456789'
export const SERVER_ADMIN = { email: 'ops@test.talent-orders.cn', password: 'ops-Password-for-child-1' }

export type ChildServer = {
  url: string
  process: ChildProcess
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>
}

/**
 * Starts `node --import tsx src/server.ts` on a free port and waits until it listens. NODE_ENV=test with cheap
 * hashing (2^10): these tests are about the process (durability, backup, shutdown), and production's 2^17 made every
 * seeded admin and login cost a second or more on a busy machine. The production start is test/packaging/dist.test.ts.
 */
export async function startServer (t: Tap, databasePath: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: fromRoot(),
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      DEMO_DATA: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      JWT_SECRET: SERVER_SECRET,
      ADMIN_EMAIL: SERVER_ADMIN.email,
      ADMIN_PASSWORD: SERVER_ADMIN.password,
      SCRYPT_LOG_N: '10',
      LOG_LEVEL: 'info',
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  t.teardown(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL') })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    const look = () => {
      const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (found?.[1]) {
        clearTimeout(timer)
        resolve(found[1])
      }
    }
    child.stdout.on('data', look)
    exited.then((code) => { clearTimeout(timer); reject(new Error(`server exited (${code}) before listening:\n${output}`)) }, reject)
  })
  return { url, process: child, output: () => output, exited }
}

/** JSON over real HTTP; returns status, parsed body (or null) and headers. */
export async function httpJson (url: string, method: string, body?: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const text = await res.text()
  return { status: res.status, body: text === '' ? null : JSON.parse(text) as Record<string, unknown>, headers: res.headers }
}

/** Logs in over HTTP and returns the access token. */
export async function httpLogin (url: string, email: string, password: string): Promise<string> {
  const res = await httpJson(`${url}/v1/auth/login`, 'POST', { email, password })
  if (res.status !== 200 || !res.body) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
  return String(res.body['accessToken'])
}
