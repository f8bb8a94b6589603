// Shutdown: SIGTERM stops accepting, lets in-flight requests finish, closes the database and exits 0 within 10 s.
import t from 'tap'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, httpJson, tempDir, SERVER_ADMIN } from '../helpers/hardening.ts'

const IN_FLIGHT = 4

t.test('SIGTERM with logins in flight: they complete, new requests are refused, the process exits 0', async (t) => {
  const file = join(tempDir(t), 'shutdown.db')
  const server = await startServer(t, file)
  // Logins at N=2^17 take a while: the ideal requests to be caught in flight.
  const logins = Array.from({ length: IN_FLIGHT }, () => httpJson(`${server.url}/v1/auth/login`, 'POST', SERVER_ADMIN))
  const received = () => (server.output().match(/"url":"\/v1\/auth\/login"/g) ?? []).length
  while (received() < IN_FLIGHT) await new Promise((resolve) => setTimeout(resolve, 5))
  const signalledAt = Date.now()
  server.process.kill('SIGTERM')

  const answers = await Promise.all(logins)
  t.same(answers.map((a) => a.status), Array(IN_FLIGHT).fill(200), 'every in-flight request got its full answer')
  const late = await httpJson(`${server.url}/health`, 'GET').then((r) => r.status, (error: Error) => error.message)
  t.ok(late === 503 || /fetch failed|ECONNREFUSED/.test(String(late)), `a request after SIGTERM is refused (${late})`)

  const code = await server.exited
  t.equal(code, 0, 'exit code 0')
  t.ok(Date.now() - signalledAt < 10_000, 'within 10 s')
  const log = server.output()
  t.match(log, /shutting down/)
  t.ok(log.indexOf('shutting down') < log.lastIndexOf('request completed'), 'requests completed after the signal was handled')
  // The database plugin checkpoints and closes on the way out: the WAL is empty or gone.
  t.ok(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0, 'WAL checkpointed and the database closed')
})
