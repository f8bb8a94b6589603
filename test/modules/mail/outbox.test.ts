// The mail outbox on both engines: written only with its transaction, sent once to MAIL_OUTBOX_DIR files or the log.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp } from '../../helper.ts'
import { enqueueMail } from '../../../src/modules/mail/index.ts'
import { claimDueMail, recordMailOutcome } from '../../../src/modules/mail/outbox.ts'
import { outboxRows } from '../../helpers/mail.ts'

const mail = (to: string) => ({ to, subject: '测试 / Test', text: '中文在上\n\nEnglish beneath' })

function tempDir (t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'mail-outbox-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

await t.test('a message written in a transaction that rolls back is never sent', async (t) => {
  const dir = tempDir(t)
  const app = await buildTestApp(t, { MAIL_OUTBOX_DIR: join(dir, 'out') })
  await t.rejects(app.data.write(async (tx) => {
    await enqueueMail(tx, mail('rolled.back@test.talent-orders.cn'), app.clock())
    throw new Error('the change it announces failed')
  }))
  t.same(await outboxRows(app), [], 'no row')
  t.equal(await app.mailWorker.runOnce(), 0, 'nothing to send')
})

await t.test('MAIL_OUTBOX_DIR: one JSON file {to, subject, text, createdAt} a message, sent once', async (t) => {
  const dir = join(tempDir(t), 'created-on-first-use')
  const app = await buildTestApp(t, { MAIL_OUTBOX_DIR: dir })
  t.equal(app.mailWorker.transport, 'files')
  const at = app.clock()
  await app.data.write(async (tx) => {
    await enqueueMail(tx, mail('first@test.talent-orders.cn'), at)
    await enqueueMail(tx, mail('second@test.talent-orders.cn'), at)
  })
  t.equal(await app.mailWorker.runOnce(), 2)
  const files = readdirSync(dir).sort()
  t.equal(files.length, 2, 'one file each, no temporary file left')
  t.ok(files.every((name) => name.endsWith('.json') && !name.startsWith('.')))
  const bodies = files.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>)
  t.same(bodies.map((b) => b['to']).sort(), ['first@test.talent-orders.cn', 'second@test.talent-orders.cn'])
  t.same(Object.keys(bodies[0]!).sort(), ['createdAt', 'subject', 'text', 'to'])
  t.same({ subject: bodies[0]!['subject'], text: bodies[0]!['text'], createdAt: bodies[0]!['createdAt'] }, { subject: '测试 / Test', text: '中文在上\n\nEnglish beneath', createdAt: at.toISOString() })
  t.same((await outboxRows(app)).map((r) => [r.status, r.attempts]), [['sent', 1], ['sent', 1]])
  t.equal(await app.mailWorker.runOnce(), 0, 'a sent message is not sent again')
  t.equal(readdirSync(dir).length, 2)
})

await t.test('neither SMTP_URL nor MAIL_OUTBOX_DIR: the message goes to the log', async (t) => {
  const lines: string[] = []
  const app = await buildTestApp(t)
  t.equal(app.mailWorker.transport, 'log')
  // The worker logs through app.log: its info lines are kept here instead of written out.
  app.log.info = ((...args: unknown[]) => { lines.push(JSON.stringify(args)) }) as typeof app.log.info
  await app.data.write((tx) => enqueueMail(tx, mail('logged@test.talent-orders.cn'), app.clock()))
  t.equal(await app.mailWorker.runOnce(), 1)
  t.ok(lines.some((line) => line.includes('logged@test.talent-orders.cn') && line.includes('English beneath')), 'logged with its text')
  t.same((await outboxRows(app)).map((r) => r.status), ['sent'])
})

await t.test('an outcome is fenced on its lease: a worker whose lease lapsed cannot overwrite the next one', async (t) => {
  const app = await buildTestApp(t)
  await app.data.write((tx) => enqueueMail(tx, mail('fenced@test.talent-orders.cn'), app.clock()))
  const now = app.clock()
  const [first] = await claimDueMail(app.data, now, new Date(now.getTime() + 60_000), 10)
  t.match(first, { to: 'fenced@test.talent-orders.cn', subject: '测试 / Test', text: '中文在上\n\nEnglish beneath', attempts: 1 })
  t.same(await claimDueMail(app.data, now, new Date(now.getTime() + 60_000), 10), [], 'leased: nobody else claims it')
  app.testClock.advance(61_000)
  const later = app.clock()
  const [second] = await claimDueMail(app.data, later, new Date(later.getTime() + 60_000), 10)
  t.match(second, { id: first!.id, attempts: 2 }, 'the lease lapsed: claimed again')
  t.notOk(await recordMailOutcome(app.data, first!, { kind: 'retry', error: 'late', nextAttemptAt: later }), 'the first worker lost its lease')
  t.ok(await recordMailOutcome(app.data, second!, { kind: 'sent', at: later }), 'the second records its outcome')
  t.match(await outboxRows(app), [{ status: 'sent', attempts: 2, last_error: null, next_attempt_at: null }])
})
