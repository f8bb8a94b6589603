// Refresh on a locked SQLite file: a made-up token is refused without waiting for the write lock.
import t from 'tap'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { buildTestApp, registerOrg } from '../helper.ts'
import { expectProblem, tempDir } from '../helpers/hardening.ts'

t.test('a made-up refresh token is refused without taking the write lock', async (t) => {
  const file = join(tempDir(t), 'refresh.db')
  const app = await buildTestApp(t, { DATABASE_PATH: file, BUSY_TIMEOUT_MS: '0' })
  const user = await registerOrg(app, 'enterprise')
  const writer = new BetterSqlite3(file)
  t.teardown(() => writer.close())
  writer.exec('begin immediate')
  const forged = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: 'rt_made-up-token-of-an-anonymous-caller' } })
  expectProblem(t, forged, 401, 'unauthenticated')
  expectProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: user.refreshToken } }), 503, 'service_unavailable')
  writer.exec('rollback')
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: user.refreshToken } })).statusCode, 200, 'the real token still rotates once the lock is gone')
})
