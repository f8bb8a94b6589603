// Readiness on SQLite: a closed connection makes /ready a 503 while /health still answers.
import t from 'tap'
import { buildTestApp, sqliteOf } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'

t.test('/ready is a 503 once the SQLite connection is closed', async (t) => {
  const app = await buildTestApp(t)
  sqliteOf(app).close()
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  const body = assertProblem(t, ready, 503, 'not_ready')
  t.notMatch(String(body['detail']), /connection|TypeError/, 'no driver internals')
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
})
