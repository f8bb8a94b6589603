// Health and readiness: /health answers while the process is up, /ready only while the database can be read.
import t from 'tap'
import { buildTestApp } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'

t.test('/health and /ready answer 200 without a token', async (t) => {
  const app = await buildTestApp(t)
  const health = await app.inject({ method: 'GET', url: '/health' })
  t.equal(health.statusCode, 200)
  t.same(health.json(), { status: 'ok' })
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ready' })
})

t.test('/ready is a 503 problem when the database cannot be read; /health still answers', async (t) => {
  const app = await buildTestApp(t)
  app.sqlite.close()
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  const body = assertProblem(t, ready, 503, 'not_ready')
  t.equal(ready.headers['retry-after'], '5')
  t.notMatch(String(body['detail']), /connection|TypeError/, 'no driver internals')
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
})

t.test('/ready is a 503 when a table it reads is gone', async (t) => {
  const app = await buildTestApp(t, { DATABASE_PATH: ':memory:' })
  app.sqlite.pragma('foreign_keys = OFF')
  app.sqlite.exec('alter table alliances rename to alliances_moved')
  assertProblem(t, await app.inject({ method: 'GET', url: '/ready' }), 503, 'not_ready')
  app.sqlite.exec('alter table alliances_moved rename to alliances')
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200, 'ready again once it can be read')
})
