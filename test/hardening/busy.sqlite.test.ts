// A SQLite file locked by another connection: writes answer 503 with Retry-After, reads go on, and writes resume.
import t from 'tap'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { buildTestApp, registerOrg, api } from '../helper.ts'
import { expectProblem, tempDir } from '../helpers/hardening.ts'

t.test('SQLITE_BUSY after the busy timeout is a 503 with Retry-After, and the write goes through once the lock is gone', async (t) => {
  const file = join(tempDir(t), 'busy.db')
  const app = await buildTestApp(t, { DATABASE_PATH: file, BUSY_TIMEOUT_MS: '50' })
  const user = await registerOrg(app, 'enterprise')
  const holder = new BetterSqlite3(file)
  t.teardown(() => holder.close())
  holder.prepare('begin immediate').run()
  const busy = await api(app, user.token, { method: 'PATCH', url: `/v1/organizations/${user.organizationId}`, payload: { city: '宁波' } })
  const body = expectProblem(t, busy, 503, 'service_unavailable')
  t.equal(busy.headers['retry-after'], '1')
  t.notMatch(JSON.stringify(body), /SQLITE|database is locked/i)
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'x@test.talent-orders.cn', password: 'whatever-password' } })
  expectProblem(t, login, 503)
  t.equal((await api(app, user.token, { method: 'GET', url: `/v1/organizations/${user.organizationId}` })).statusCode, 200, 'reads go on during a write lock (WAL)')
  holder.prepare('rollback').run()
  const ok = await api(app, user.token, { method: 'PATCH', url: `/v1/organizations/${user.organizationId}`, payload: { city: '宁波' } })
  t.equal(ok.statusCode, 200)
  t.equal(ok.json().city, '宁波')
})
