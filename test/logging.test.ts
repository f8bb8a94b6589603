// Logs: pretty in development, JSON elsewhere; the start line names the console, /docs and, on demo data, the password.
import t from 'tap'
import { loadConfig } from '../src/config.ts'
import { serverOptions } from '../src/server-options.ts'
import { startBanner, hasDemoData } from '../src/start-banner.ts'
import { DEMO_PASSWORD } from '../src/seed/demo.ts'
import { buildTestApp } from './helper.ts'

const SECRET = 'logging-test-secret-that-is-long-enough-0123456789'

t.test('development logs through pino-pretty; production and tests log JSON; LOG_FORMAT overrides', async (t) => {
  const transport = (env: Record<string, string>) => {
    const logger = serverOptions(loadConfig(env)).logger as { transport?: { target: string } }
    return logger.transport?.target
  }
  t.match(transport({}), /pino-pretty/, 'NODE_ENV defaults to development: pretty')
  t.equal(transport({ NODE_ENV: 'production', JWT_SECRET: SECRET }), undefined, 'production: JSON')
  t.equal(transport({ NODE_ENV: 'test' }), undefined, 'tests: JSON')
  t.equal(transport({ LOG_FORMAT: 'json' }), undefined, 'LOG_FORMAT=json in development')
  t.match(transport({ NODE_ENV: 'production', JWT_SECRET: SECRET, LOG_FORMAT: 'pretty' }), /pino-pretty/, 'LOG_FORMAT=pretty anywhere')
  t.equal(transport({ LOG_LEVEL: 'silent' }), undefined, 'silent starts no transport')
})

t.test('the start line: console and docs URLs, localhost for every interface, the demo password only with demo data', async (t) => {
  const plain = startBanner('http://127.0.0.1:3000', false)
  t.equal(plain.msg, 'Talent Orders is up: console http://127.0.0.1:3000/, API docs http://127.0.0.1:3000/docs')
  t.notOk(plain.fields.demoPassword)
  t.equal(startBanner('http://0.0.0.0:8080', false).fields.docs, 'http://localhost:8080/docs')
  const demo = startBanner('http://127.0.0.1:3000', true)
  t.ok(demo.msg.includes(DEMO_PASSWORD), 'the demo password is in the line')
  t.equal(demo.fields.demoLogin, 'admin@demo.talent-orders.cn')
})

t.test('demo data is detected from the database', async (t) => {
  t.notOk(await hasDemoData(await buildTestApp(t)), 'no demo data in a plain test database')
  t.ok(await hasDemoData(await buildTestApp(t, { DEMO_DATA: 'true' })), 'demo accounts seeded')
})
