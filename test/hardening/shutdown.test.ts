// Shutdown: SIGTERM stops accepting, lets in-flight requests finish, closes the database and exits 0.
import t from 'tap'
import { request, type ClientRequest } from 'node:http'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, httpJson, tempDir, SERVER_ADMIN } from '../helpers/hardening.ts'

const IN_FLIGHT = 4

/** A login whose body is sent in two halves: the request stays in flight until `finish` is called. */
function heldLogin (url: string): { finish: () => void, status: Promise<number> } {
  const body = Buffer.from(JSON.stringify(SERVER_ADMIN))
  let req: ClientRequest | undefined
  const status = new Promise<number>((resolve, reject) => {
    req = request(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.write(body.subarray(0, 10))
  })
  return { finish: () => req?.end(body.subarray(10)), status }
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

t.test('SIGTERM with logins in flight: they complete, new requests are refused, the process exits 0', async (t) => {
  const file = join(tempDir(t), 'shutdown.db')
  const server = await startServer(t, file)
  // Held open by their unfinished bodies, however fast or slow the machine is.
  const logins = Array.from({ length: IN_FLIGHT }, () => heldLogin(server.url))
  const received = () => (server.output().match(/"url":"\/v1\/auth\/login"/g) ?? []).length
  await until(() => received() >= IN_FLIGHT)
  server.process.kill('SIGTERM')
  await until(() => server.output().includes('shutting down'))

  for (const login of logins) login.finish()
  t.same(await Promise.all(logins.map((l) => l.status)), Array(IN_FLIGHT).fill(200), 'every in-flight request got its full answer')
  const late = await httpJson(`${server.url}/health`, 'GET').then((r) => r.status, (error: Error) => error.message)
  t.ok(late === 503 || /fetch failed|ECONNREFUSED/.test(String(late)), `a request after SIGTERM is refused (${late})`)

  // close-with-grace exits 1 if closing takes longer than its 10 s delay: exit code 0 is "closed in time".
  t.equal(await server.exited, 0, 'exit code 0')
  const log = server.output()
  t.ok(log.indexOf('shutting down') < log.lastIndexOf('request completed'), 'requests completed after the signal was handled')
  // The database plugin checkpoints and closes on the way out: the WAL is empty or gone.
  t.ok(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0, 'WAL checkpointed and the database closed')
})
