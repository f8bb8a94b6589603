// Health and readiness: /health answers while the process is up, /ready only while the database can be reached.
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

t.test('/ready is a 503 problem while the database cannot be reached; /health still answers', async (t) => {
  const app = await buildTestApp(t)
  const ping = app.data.ping
  app.data.ping = async () => { throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) }
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  const body = assertProblem(t, ready, 503, 'not_ready')
  t.equal(ready.headers['retry-after'], '5')
  t.notMatch(String(body['detail']), /connect|ECONNREFUSED|5432/, 'no driver internals')
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
  app.data.ping = ping
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200, 'ready again once it can be reached')
})
