// PostgreSQL going away: /ready and every request answer 503 with Retry-After, and the service recovers without a restart.
import t from 'tap'
import { api, buildTestApp, registerOrg } from '../helper.ts'
import { expectProblem } from '../helpers/hardening.ts'
import { clusterUrl, createTestDatabase, migratedTemplate } from '../support/postgres-database.ts'
import { startTcpProxy } from '../support/tcp-proxy.ts'

t.test('the database host goes down and comes back: 503s meanwhile, then service as before', async (t) => {
  const database = await createTestDatabase(t, { template: await migratedTemplate(await clusterUrl()) })
  const direct = new URL(database.url)
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port) })
  t.teardown(() => proxy.close())
  const viaProxy = new URL(database.url)
  viaProxy.port = String(proxy.port)
  const app = await buildTestApp(t, { DATABASE_URL: viaProxy.toString(), BUSY_TIMEOUT_MS: '1000' })
  const member = await registerOrg(app, 'enterprise', { name: '断网测试企业' })
  const org = `/v1/organizations/${member.organizationId}`

  await proxy.cut()
  const began = Date.now()
  expectProblem(t, await app.inject({ method: 'GET', url: '/ready' }), 503, 'not_ready')
  const write = await api(app, member.token, { method: 'PATCH', url: org, payload: { city: '宁波' } })
  const body = expectProblem(t, write, 503, 'service_unavailable')
  t.equal(write.headers['retry-after'], '1')
  t.notMatch(JSON.stringify(body), /ECONNREFUSED|terminated|127\.0\.0\.1/, 'no driver details')
  expectProblem(t, await api(app, member.token, { method: 'GET', url: org }), 503, 'service_unavailable')
  expectProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'nobody@test.talent-orders.cn', password: 'whatever-Password-1' } }), 503)
  t.ok(Date.now() - began < 10_000, 'answers come within the request timeout, not after a hang')

  await proxy.restore()
  let ready = 0
  for (let i = 0; i < 50 && ready !== 200; i++) {
    ready = (await app.inject({ method: 'GET', url: '/ready' })).statusCode
    if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.equal(ready, 200, 'ready again without a restart')
  const again = await api(app, member.token, { method: 'PATCH', url: org, payload: { city: '宁波' } })
  t.equal(again.statusCode, 200, again.body)
  t.equal(again.json().city, '宁波')
  t.equal((await api(app, member.token, { method: 'GET', url: org })).json().city, '宁波', 'the write after recovery is stored')
})
