// GET /metrics: off without METRICS_TOKEN, 401 without the bearer, Prometheus text with requests, database, hashing, event loop.
import t from 'tap'
import { buildTestApp, loginAdmin, api } from '../helper.ts'
import { expectProblem } from '../helpers/hardening.ts'

const TOKEN = 'metrics-test-token-that-is-long-enough-0123456789'
const scrape = { url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } }

t.test('without METRICS_TOKEN there is no /metrics', async (t) => {
  const app = await buildTestApp(t)
  expectProblem(t, await app.inject({ url: '/metrics' }), 404)
  expectProblem(t, await app.inject(scrape), 404)
})

t.test('with METRICS_TOKEN: no or a wrong bearer is a 401 problem, and /metrics is not in the OpenAPI document', async (t) => {
  const app = await buildTestApp(t, { METRICS_TOKEN: TOKEN })
  const none = await app.inject({ url: '/metrics' })
  expectProblem(t, none, 401, 'unauthenticated')
  t.match(String(none.headers['www-authenticate']), /^Bearer/)
  expectProblem(t, await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } }), 401)
  const paths = Object.keys((await app.inject({ url: '/docs/json' })).json().paths as Record<string, unknown>)
  t.notOk(paths.includes('/metrics'), 'an operator endpoint, not part of the API')
})

t.test('the scrape counts requests by route template and status, database time, hashing and event loop delay', async (t) => {
  const app = await buildTestApp(t, { METRICS_TOKEN: TOKEN })
  const admin = await loginAdmin(app)
  // An authenticated request: the session look-up is one `get` on the data layer.
  t.equal((await api(app, admin.token, { url: '/v1/me' })).statusCode, 200)
  const id = '01890000-0000-7000-8000-000000000000'
  t.equal((await app.inject({ url: `/v1/organizations/${id}` })).statusCode, 401)
  await app.inject({ url: '/health' })
  await app.inject({ url: '/health' })
  const res = await app.inject(scrape)
  t.equal(res.statusCode, 200)
  t.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/)
  const text = res.body
  t.match(text, /http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} 2\n/, 'two /health requests')
  t.match(text, /http_request_duration_seconds_count\{method="POST",route="\/v1\/auth\/login",status_code="200"\} 1\n/)
  t.match(text, /route="\/v1\/organizations\/:id",status_code="401"/, 'the template, not the id')
  t.notMatch(text, new RegExp(id), 'no raw URLs in labels')
  const dbCount = /talent_orders_db_statement_duration_seconds_count\{operation="get"\} (\d+)/.exec(text)
  t.ok(Number(dbCount?.[1]) > 0, 'statements were timed')
  t.match(text, /talent_orders_password_hashes_running 0\n/)
  t.match(text, /talent_orders_password_hashes_queued\{kind="login"\} 0\n/)
  t.match(text, /nodejs_eventloop_lag_p99_seconds \d/)
})

t.test('answers the router gives before any hook (bad percent-encoding, an over-long parameter) are counted too', async (t) => {
  const app = await buildTestApp(t, { METRICS_TOKEN: TOKEN })
  t.equal((await app.inject({ url: '/v1/orders/%FF' })).statusCode, 400)
  t.equal((await app.inject({ url: `/v1/orders/${'a'.repeat(201)}` })).statusCode, 400)
  const text = (await app.inject(scrape)).body
  t.match(text, /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="400"\} 2\n/, 'both 400s, without their URLs')
})
