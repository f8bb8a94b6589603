// Durability: every acknowledged write survives kill -9 of the real server, and the file passes integrity_check.
import t from 'tap'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { startServer, httpJson, httpLogin, tempDir, SERVER_ADMIN } from '../helpers/hardening.ts'

const WORKERS = 6
const ENOUGH_ACKNOWLEDGED = 150
const STORM_CAP_MS = 20_000

/** Every alliance code the server lists, page by page. */
async function listedCodes (url: string, token: string): Promise<Set<string>> {
  const codes = new Set<string>()
  let cursor: string | null = null
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    const page = await httpJson(`${url}/v1/alliances?limit=100${query}`, 'GET', undefined, token)
    if (page.status !== 200 || !page.body) throw new Error(`list failed: ${page.status}`)
    for (const item of page.body['items'] as { code: string }[]) codes.add(item.code)
    cursor = page.body['nextCursor'] as string | null
  } while (cursor)
  return codes
}

t.test('a write storm, SIGKILL, restart: every acknowledged create is there and the database is intact', async (t) => {
  const file = join(tempDir(t), 'storm.db')
  const env = { WRITE_RATE_LIMIT: '0' }
  const first = await startServer(t, file, env)
  const token = await httpLogin(first.url, SERVER_ADMIN.email, SERVER_ADMIN.password)

  const acknowledged: string[] = []
  const storm = { killed: false }
  const worker = async (w: number) => {
    for (let i = 0; !storm.killed; i++) {
      const code = `storm-${w}-${i}`
      try {
        const res = await httpJson(`${first.url}/v1/alliances`, 'POST', { code, name: `Storm ${w}.${i}`, nameZh: `风暴联盟${w}-${i}` }, token)
        if (res.status === 201) acknowledged.push(code)
        else if (!storm.killed) throw new Error(`unexpected ${res.status}`)
      } catch (error) {
        if (!storm.killed) throw error
        return
      }
    }
  }
  const workers = Array.from({ length: WORKERS }, (_, w) => worker(w))
  const startedAt = Date.now()
  while (acknowledged.length < ENOUGH_ACKNOWLEDGED && Date.now() - startedAt < STORM_CAP_MS) await new Promise((resolve) => setTimeout(resolve, 10))
  // Kill while requests are still in flight: no chance to flush, checkpoint or close.
  first.process.kill('SIGKILL')
  storm.killed = true
  t.equal(await first.exited, 'SIGKILL')
  await Promise.all(workers)
  const snapshot = [...acknowledged]
  t.ok(snapshot.length >= 20, `${snapshot.length} creates were acknowledged before the kill`)

  const second = await startServer(t, file, env)
  const again = await httpLogin(second.url, SERVER_ADMIN.email, SERVER_ADMIN.password)
  const present = await listedCodes(second.url, again)
  const missing = snapshot.filter((code) => !present.has(code))
  t.same(missing, [], 'no acknowledged write was lost')
  second.process.kill('SIGTERM')
  t.equal(await second.exited, 0)

  const db = new BetterSqlite3(file, { readonly: true })
  t.teardown(() => db.close())
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok')
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal')
  const rows = db.prepare("select count(*) as n from alliances where code like 'storm-%'").get() as { n: number }
  t.ok(rows.n >= snapshot.length, `${rows.n} stored ≥ ${snapshot.length} acknowledged`)
})
