// Two API processes send from one outbox (a SQLite file or a PostgreSQL database): every message goes out once.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp, TEST_ENGINE } from '../../helper.ts'
import { sharedDatabaseEnv } from '../../helpers/hardening.ts'
import { outboxRows } from '../../helpers/mail.ts'
import { startApiProcess } from '../../support/api-process.ts'
import { enqueueMail } from '../../../src/modules/mail/index.ts'

const MESSAGES = 40

const jsonFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.json'))

t.test(`both processes poll every 20 ms; each of ${MESSAGES} messages is written once (${TEST_ENGINE})`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mail-two-processes-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const database = await sharedDatabaseEnv(t, 'mail-two-processes.db')
  // This process only writes the messages; the two servers send them.
  const writer = await buildTestApp(t, database)
  const env = { ...database, MAIL_OUTBOX_DIR: dir, MAIL_POLL_MS: '20' }
  await Promise.all([startApiProcess(t, env), startApiProcess(t, env)])

  await writer.data.write(async (tx) => {
    for (let i = 0; i < MESSAGES; i++) await enqueueMail(tx, { to: `race${i}@test.talent-orders.cn`, subject: `第 ${i} 封 / Message ${i}`, text: '中文\n\nEnglish' }, new Date())
  })
  const deadline = Date.now() + 60_000
  while (jsonFiles(dir).length < MESSAGES && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  await new Promise((resolve) => setTimeout(resolve, 500))

  const recipients = jsonFiles(dir).map((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { to: string }).to)
  t.equal(recipients.length, MESSAGES, 'one file a message')
  t.equal(new Set(recipients).size, MESSAGES, 'none twice')
  t.same(readdirSync(dir).filter((name) => !name.endsWith('.json')), [], 'no temporary file left')
  const rows = await outboxRows(writer)
  t.equal(rows.length, MESSAGES)
  t.ok(rows.every((row) => row.status === 'sent' && row.attempts === 1), 'all sent on the first attempt')
})
