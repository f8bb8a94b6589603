// Configuration: DESIGN's defaults, validation with readable messages, and the production guards (in process and at start).
import t, { type Test } from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, ConfigError } from '../src/config.ts'
import { buildApp } from '../src/app.ts'
import { projectRoot } from '../src/lib/project-root.ts'
import { testDatabaseEnv } from './helper.ts'

const SECRET = 'production-secret-that-is-long-enough-0123456789'

function configError (t: Test, env: Record<string, string>, pattern: RegExp, message: string) {
  let caught: unknown
  try {
    loadConfig(env)
  } catch (error) {
    caught = error
  }
  t.ok(caught instanceof ConfigError, `${message}: a ConfigError`)
  t.match((caught as Error | undefined)?.message, pattern, message)
}

t.test("the defaults are DESIGN's configuration table", async (t) => {
  const config = loadConfig({})
  t.match(config, {
    NODE_ENV: 'development',
    PORT: 3000,
    HOST: '127.0.0.1',
    DATABASE_PATH: './data/marketplace.db',
    ACCESS_TOKEN_TTL: 900,
    WRITE_RATE_LIMIT: 300,
    LOG_LEVEL: 'info',
    DEMO_DATA: true,
    isProduction: false
  })
  t.equal(config.ADMIN_EMAIL, undefined)
  t.equal(config.ADMIN_PASSWORD, undefined)
  t.ok(config.JWT_SECRET.length >= 32, 'a random signing key outside production')
  t.not(loadConfig({}).JWT_SECRET, config.JWT_SECRET, 'a new one per start')
  t.match(config, { SCRYPT_LOG_N: 17, REFRESH_TOKEN_TTL: 1_209_600, SESSION_MAX_AGE: 2_592_000, BUSY_TIMEOUT_MS: 5000, DEADLINE_SWEEP_INTERVAL: 30, JWT_ISSUER: 'talent-orders', JWT_AUDIENCE: 'talent-orders-api' }, 'the extra settings')
  t.match(config, { REGISTER_RATE_LIMIT: 20, HASH_CONCURRENCY: 2, HASH_QUEUE_LOGIN: 16, HASH_QUEUE_REGISTER: 8, HASH_QUEUE_PASSWORD_CHANGE: 8, HASH_QUEUE_USER_CREATE: 8 }, 'the hashing and registration limits')
})

t.test('values are read from the given environment and typed', async (t) => {
  const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: ':memory:', DEMO_DATA: 'false', WRITE_RATE_LIMIT: '0', ACCESS_TOKEN_TTL: '60', LOG_LEVEL: 'warn', ADMIN_EMAIL: 'ops@example.cn', ADMIN_PASSWORD: 'a-long-admin-passphrase', JWT_SECRET: SECRET })
  t.match(config, { PORT: 8080, HOST: '0.0.0.0', DATABASE_PATH: ':memory:', DEMO_DATA: false, WRITE_RATE_LIMIT: 0, ACCESS_TOKEN_TTL: 60, LOG_LEVEL: 'warn', ADMIN_EMAIL: 'ops@example.cn', JWT_SECRET: SECRET })
  const saved = process.env['PORT']
  process.env['PORT'] = '1234'
  t.teardown(() => { if (saved === undefined) delete process.env['PORT']; else process.env['PORT'] = saved })
  t.equal(loadConfig({}).PORT, 3000, 'only the given environment counts, not process.env behind it')
})

t.test('invalid values are refused with a message that names the variable', async (t) => {
  configError(t, { PORT: '70000' }, /^invalid configuration: PORT must be <= 65535$/, 'port out of range')
  configError(t, { PORT: 'http' }, /PORT must be integer/, 'port not a number')
  configError(t, { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of: fatal, error, warn, info, debug, trace, silent/, 'log level')
  configError(t, { DEMO_DATA: 'yes' }, /DEMO_DATA must be boolean/, 'demo data flag')
  configError(t, { ACCESS_TOKEN_TTL: '5' }, /ACCESS_TOKEN_TTL must be >= 30/, 'token lifetime')
  configError(t, { WRITE_RATE_LIMIT: '-1' }, /WRITE_RATE_LIMIT must be >= 0/, 'rate limit')
  configError(t, { JWT_SECRET: 'short' }, /JWT_SECRET must NOT have fewer than 32 characters/, 'a short signing key')
  configError(t, { DATABASE_PATH: '' }, /DATABASE_PATH/, 'an empty database path')
  configError(t, { ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'a-long-admin-passphrase' }, /ADMIN_EMAIL must match pattern/, 'admin email')
  configError(t, { ADMIN_EMAIL: 'ops@example.cn', ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD must NOT have fewer than 12 characters/, 'admin password')
  configError(t, { REGISTER_RATE_LIMIT: '-1' }, /REGISTER_RATE_LIMIT must be >= 0/, 'registration limit')
  configError(t, { HASH_CONCURRENCY: '0' }, /HASH_CONCURRENCY must be >= 1/, 'hashing slots')
  configError(t, { HASH_QUEUE_REGISTER: '-1' }, /HASH_QUEUE_REGISTER must be >= 0/, 'a hashing queue')
  configError(t, { PORT: 'x', LOG_LEVEL: 'loud' }, /PORT .*; LOG_LEVEL /, 'every problem at once')
})

t.test('ADMIN_EMAIL and ADMIN_PASSWORD go together', async (t) => {
  configError(t, { ADMIN_EMAIL: 'ops@example.cn' }, /ADMIN_EMAIL and ADMIN_PASSWORD go together/, 'email alone')
  configError(t, { ADMIN_PASSWORD: 'a-long-admin-passphrase' }, /ADMIN_EMAIL and ADMIN_PASSWORD go together/, 'password alone')
})

t.test('production: JWT_SECRET required, no demo data, full-strength password hashing', async (t) => {
  configError(t, { NODE_ENV: 'production' }, /JWT_SECRET is required when NODE_ENV=production/, 'no signing key')
  const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET })
  t.match(config, { isProduction: true, DEMO_DATA: false, JWT_SECRET: SECRET })
  configError(t, { NODE_ENV: 'production', JWT_SECRET: SECRET, DEMO_DATA: 'true' }, /DEMO_DATA=true is refused when NODE_ENV=production/, 'demo data in production')
  t.equal(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, DEMO_DATA: 'false' }).DEMO_DATA, false)
  configError(t, { NODE_ENV: 'production', JWT_SECRET: SECRET, SCRYPT_LOG_N: '10' }, /SCRYPT_LOG_N below 17/, 'weak hashing')
  t.equal(loadConfig({ NODE_ENV: 'test' }).DEMO_DATA, true, 'demo data defaults on outside production')
})

t.test('production seeds only reference data and the bootstrap admin', async (t) => {
  const database = await testDatabaseEnv(t)
  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', ADMIN_EMAIL: 'ops@example.cn', ADMIN_PASSWORD: 'a-long-admin-passphrase', DEADLINE_SWEEP_INTERVAL: '0', ...database }) })
  t.teardown(() => app.close())
  const count = async (table: string) => (await app.data.get<{ n: number }>(`select count(*) as n from ${table}`))?.n
  t.equal(await count('alliances'), 3)
  t.ok((await count('skills') ?? 0) > 0, 'the skills vocabulary')
  t.same(await app.data.all('select email, role from users'), [{ email: 'ops@example.cn', role: 'admin' }])
  t.equal(await count('organizations'), 0)
  t.equal(await count('memberships'), 0)
  t.equal(await count('orders'), 0)
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'OPS@example.cn', password: 'a-long-admin-passphrase' } })
  t.equal(login.statusCode, 200)
  t.equal(login.json().user.role, 'admin')
})

type Run = { code: number | null, stderr: string, stdout: string }

/** Runs the real entry point with exactly this environment (plus PATH), as `npm start` would. */
function runServer (env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: projectRoot(), env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    let stdout = ''
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not exit within ${timeoutMs} ms: ${stdout} ${stderr}`)) }, timeoutMs)
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stderr, stdout }) })
  })
}

t.test('NODE_ENV=production without JWT_SECRET: the process exits non-zero at once with a clear message', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'talent-orders-config-'))
  const databasePath = join(dir, 'never-created.db')
  const run = await runServer({ NODE_ENV: 'production', DATABASE_PATH: databasePath })
  t.equal(run.code, 1)
  t.match(run.stderr, /^talent-orders: JWT_SECRET is required when NODE_ENV=production/)
  t.notMatch(run.stderr, /at .*\.ts:\d+/, 'a message, not a stack trace')
  t.equal(run.stdout, '', 'nothing was started')
  t.notOk(existsSync(databasePath), 'the database was never opened')
})

t.test('an invalid setting stops the process at start too', async (t) => {
  const run = await runServer({ PORT: '70000', DATABASE_PATH: ':memory:' })
  t.equal(run.code, 1)
  t.match(run.stderr, /^talent-orders: invalid configuration: PORT must be <= 65535/)
})
