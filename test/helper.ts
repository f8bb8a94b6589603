// Test helpers: build the real app on an in-memory database, and create actors through the API itself.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import type { SqliteDataLayer } from '../db/sqlite/data-layer.ts'
import { clusterUrl, createTestDatabase, migratedTemplate } from './support/postgres-database.ts'

type Tap = { teardown: (fn: () => unknown) => void }

export const ADMIN_EMAIL = 'root@test.talent-orders.cn'
export const ADMIN_PASSWORD = 'root-Password-for-tests-1'
export const PASSWORD = 'correct-Horse-battery-9'

/** A clock the test moves by hand. */
export class TestClock {
  current: Date
  constructor (start = '2027-01-10T08:00:00.000Z') { this.current = new Date(start) }
  now = () => new Date(this.current.getTime())
  set (iso: string) { this.current = new Date(iso) }
  advance (ms: number) { this.current = new Date(this.current.getTime() + ms) }
}

export type TestApp = FastifyInstance & { testClock: TestClock }

export const testEnv = (overrides: Record<string, string> = {}) => ({
  NODE_ENV: 'test',
  DATABASE_PATH: ':memory:',
  DEMO_DATA: 'false',
  LOG_LEVEL: 'silent',
  SCRYPT_LOG_N: '10',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  DEADLINE_SWEEP_INTERVAL: '0',
  // No webhook worker in the background: tests call app.webhookWorker.runOnce() on their clock.
  WEBHOOK_POLL_MS: '0',
  // Nor a mail worker: tests read the outbox (test/helpers/team.ts) or call app.mailWorker.runOnce().
  MAIL_POLL_MS: '0',
  // No standstill after approvals unless a test asks for one (test/modules/complaints sets it), so cohorts start at once.
  STANDSTILL_SECONDS: '0',
  // Tests register dozens of organizations from 127.0.0.1; the limit's own tests turn it on.
  REGISTER_RATE_LIMIT: '0',
  ...overrides
})

/** The engine the suite runs on: TEST_ENGINE=postgres (npm run test:postgres) or SQLite in memory. */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env['TEST_ENGINE'] === 'postgres' ? 'postgres' : 'sqlite'

/**
 * A fresh database for one app: SQLite in memory, or on PostgreSQL a database created from the
 * migrated template of the run's throw-away cluster and dropped with the test.
 */
export async function testDatabaseEnv (t: Tap): Promise<Record<string, string>> {
  if (TEST_ENGINE === 'sqlite') return {}
  const cluster = await clusterUrl()
  const database = await createTestDatabase(t, { template: await migratedTemplate(cluster) })
  return { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' }
}

/** Builds the app exactly as production does, on a fresh database of the suite's engine, closed with the test. */
export async function buildTestApp (t: Tap, overrides: Record<string, string> = {}, clock = new TestClock()): Promise<TestApp> {
  const database = await testDatabaseEnv(t)
  const app = await buildApp({ config: loadConfig(testEnv({ ...database, ...overrides })), clock: clock.now }) as TestApp
  app.testClock = clock
  // Registered after the database's own teardown (tap runs teardowns in order): the app closes its pool first.
  t.teardown(() => app.close())
  return app
}

/** The SQLite connection under an app, for tests of the SQLite file itself (backup, WAL, pragmas). */
export function sqliteOf (app: FastifyInstance): SqliteDataLayer['connection'] {
  if (app.data.engine !== 'sqlite') throw new Error('this test needs the SQLite engine')
  return (app.data as SqliteDataLayer).connection
}

export type Session = { token: string, refreshToken: string, userId: string, organizationId: string | null }

/** Sends a request with an optional bearer token; JSON bodies by default. */
export function api (app: FastifyInstance, token: string | null, options: InjectOptions): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) }
  if (token) headers['authorization'] = `Bearer ${token}`
  return app.inject({ ...options, headers })
}

let counter = 0
export const uniqueEmail = (prefix = 'user') => `${prefix}.${process.pid}.${Date.now()}.${++counter}@test.talent-orders.cn`

export async function login (app: FastifyInstance, email: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`)
  const body = res.json()
  return { token: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, organizationId: body.user.organizationId }
}

export const loginAdmin = (app: FastifyInstance) => login(app, ADMIN_EMAIL, ADMIN_PASSWORD)

export type OrgOptions = { name?: string, email?: string, specialties?: string[], annualCapacity?: number, industry?: string, city?: string }

/** Registers an organization and its first user through the API. */
export async function registerOrg (app: FastifyInstance, kind: 'enterprise' | 'college', options: OrgOptions = {}): Promise<Session & { organizationId: string }> {
  const organization: Record<string, unknown> = { kind, name: options.name ?? `${kind} ${++counter}` }
  if (options.city) organization['city'] = options.city
  if (kind === 'college') {
    organization['specialties'] = options.specialties ?? ['welding']
    if (options.annualCapacity !== undefined) organization['annualCapacity'] = options.annualCapacity
  } else if (options.industry) {
    organization['industry'] = options.industry
  }
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email: options.email ?? uniqueEmail(kind), password: PASSWORD, name: `${kind} staff`, organization }
  })
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`)
  const body = res.json()
  return { token: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, organizationId: body.organization.id }
}

/** Creates a coordinator of the given alliances (through the admin API) and logs it in. */
export async function createCoordinator (app: FastifyInstance, alliances: string[]): Promise<Session> {
  const admin = await loginAdmin(app)
  const email = uniqueEmail('coordinator')
  const res = await api(app, admin.token, { method: 'POST', url: '/v1/users', payload: { email, password: PASSWORD, name: 'Coordinator', role: 'coordinator', alliances } })
  if (res.statusCode !== 201) throw new Error(`create coordinator failed: ${res.statusCode} ${res.body}`)
  return login(app, email)
}

/** Requests membership for the organization and has the coordinator approve it. */
export async function joinAlliance (app: FastifyInstance, member: Session, coordinator: Session, code: string): Promise<string> {
  const requested = await api(app, member.token, { method: 'POST', url: `/v1/alliances/${code}/memberships` })
  if (requested.statusCode !== 201) throw new Error(`membership request failed: ${requested.statusCode} ${requested.body}`)
  const id = requested.json().id
  const approved = await api(app, coordinator.token, { method: 'POST', url: `/v1/memberships/${id}/approve` })
  if (approved.statusCode !== 200) throw new Error(`membership approval failed: ${approved.statusCode} ${approved.body}`)
  return id
}

/** An alliance with a coordinator, an enterprise and a college, both active members. */
export async function marketFixture (app: FastifyInstance, code = 'equipment') {
  const coordinator = await createCoordinator(app, [code])
  const enterprise = await registerOrg(app, 'enterprise')
  const college = await registerOrg(app, 'college')
  await joinAlliance(app, enterprise, coordinator, code)
  await joinAlliance(app, college, coordinator, code)
  return { coordinator, enterprise, college, code }
}
