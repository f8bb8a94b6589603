// Backup: `npm run backup -- FILE` copies the live database while the server writes; a server on the copy serves it.
import t from 'tap'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import BetterSqlite3 from 'better-sqlite3'
import { startServer, httpJson, httpLogin, tempDir, SERVER_ADMIN } from '../helpers/hardening.ts'
import { fromRoot } from '../../src/lib/project-root.ts'
import { backupDatabase } from '../../scripts/backup.ts'

const run = promisify(execFile)

t.test('an online backup while writes go on is a consistent snapshot that a server can start from', async (t) => {
  const dir = tempDir(t)
  const live = join(dir, 'live.db')
  const copy = join(dir, 'copy.db')
  const env = { WRITE_RATE_LIMIT: '0' }
  const server = await startServer(t, live, env)
  const token = await httpLogin(server.url, SERVER_ADMIN.email, SERVER_ADMIN.password)
  const create = (code: string) => httpJson(`${server.url}/v1/alliances`, 'POST', { code, name: code, nameZh: `联盟 ${code}` }, token)
  for (let i = 0; i < 20; i++) t.equal((await create(`before-${i}`)).status, 201)

  // One writer keeps creating, in order, while the backup runs.
  const during: string[] = []
  const backupState = { writing: true }
  const writer = (async () => {
    for (let i = 0; backupState.writing; i++) {
      if ((await create(`during-${i}`)).status === 201) during.push(`during-${i}`)
    }
  })()
  const backup = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', copy], { cwd: fromRoot(), env: { ...process.env, DATABASE_PATH: live } })
  backupState.writing = false
  await writer
  t.match(backup.stdout, /integrity ok/)
  t.ok(existsSync(copy))
  t.notOk(existsSync(`${copy}.partial`), 'no partial file left behind')
  t.equal((await httpJson(`${server.url}/health`, 'GET')).status, 200, 'the live server kept serving')

  const snapshot = new BetterSqlite3(copy, { readonly: true })
  t.equal(snapshot.pragma('integrity_check', { simple: true }), 'ok')
  const copied = (snapshot.prepare("select code from alliances where code like 'during-%'").all() as { code: string }[]).map((r) => r.code)
  const beforeCount = snapshot.prepare("select count(*) as n from alliances where code like 'before-%'").get() as { n: number }
  snapshot.close()
  t.equal(beforeCount.n, 20, 'everything written before the backup is in it')
  t.same(copied.sort(), during.slice(0, copied.length).sort(), 'writes during the backup appear as a prefix: one consistent moment')

  const restored = await startServer(t, copy, env)
  const restoredToken = await httpLogin(restored.url, SERVER_ADMIN.email, SERVER_ADMIN.password)
  const list = await httpJson(`${restored.url}/v1/alliances?limit=100`, 'GET', undefined, restoredToken)
  t.equal(list.status, 200)
  const codes = (list.body?.['items'] as { code: string }[]).map((a) => a.code)
  for (let i = 0; i < 20; i++) t.ok(codes.includes(`before-${i}`), `before-${i} served from the copy`)
  t.equal((await httpJson(`${restored.url}/v1/alliances`, 'POST', { code: 'after-restore', name: 'After', nameZh: '恢复后' }, restoredToken)).status, 201, 'the copy takes writes')
})

t.test('the backup function refuses nonsense and works on a stopped database too', async (t) => {
  const dir = tempDir(t)
  await t.rejects(backupDatabase(':memory:', join(dir, 'x.db')), /memory/)
  await t.rejects(backupDatabase(join(dir, 'absent.db'), join(dir, 'x.db')), /no database/)
  const file = join(dir, 'idle.db')
  const db = new BetterSqlite3(file)
  db.pragma('journal_mode = WAL')
  db.exec("create table notes (body text); insert into notes values ('宁波')")
  db.close()
  await t.rejects(backupDatabase(file, file), /another file/)
  const result = await backupDatabase(file, join(dir, 'idle-copy.db'))
  t.equal(result.integrity, 'ok')
  const copy = new BetterSqlite3(join(dir, 'idle-copy.db'), { readonly: true })
  t.same(copy.prepare('select body from notes').all(), [{ body: '宁波' }])
  copy.close()
})
