// Two workers of one process racing on one PostgreSQL database (SQLite: two-processes.test.ts, as one process cannot hold two waiting SQLite writers).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp } from '../../helper.ts'
import { sharedDatabaseEnv } from '../../helpers/hardening.ts'
import { enqueueMail } from '../../../src/modules/mail/index.ts'
import { outboxRows } from '../../helpers/mail.ts'

const mail = (to: string) => ({ to, subject: '测试 / Test', text: '中文在上\n\nEnglish beneath' })

function tempDir (t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'mail-race-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

// One process cannot hold two SQLite writers that wait for each other (the wait blocks its only thread):
// two-processes.test.ts races two servers on both engines.
await t.test('two workers on one PostgreSQL database, in one process, send each message once', async (t) => {
  const dir = tempDir(t)
  const database = await sharedDatabaseEnv(t, 'mail-race.db')
  const a = await buildTestApp(t, { ...database, MAIL_OUTBOX_DIR: dir })
  const b = await buildTestApp(t, { ...database, MAIL_OUTBOX_DIR: dir })
  await a.data.write(async (tx) => {
    for (let i = 0; i < 30; i++) await enqueueMail(tx, mail(`race${i}@test.talent-orders.cn`), a.clock())
  })
  let sent = 0
  for (let round = 0; round < 5; round++) {
    const counts = await Promise.all([a.mailWorker.runOnce(), b.mailWorker.runOnce(), a.mailWorker.runOnce(), b.mailWorker.runOnce()])
    sent += counts.reduce((n, c) => n + c, 0)
  }
  t.equal(sent, 30, 'thirty attempts in all')
  t.equal(readdirSync(dir).length, 30, 'thirty files')
  const recipients = readdirSync(dir).map((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { to: string }).to)
  t.equal(new Set(recipients).size, 30, 'each message once')
  t.ok((await outboxRows(a)).every((r) => r.status === 'sent' && r.attempts === 1))
})
