// SMTP delivery through nodemailer to local servers: sent once, retried while down, refusals, timeouts, leases and closing.
import t from 'tap'
import { buildTestApp } from '../../helper.ts'
import { enqueueMail } from '../../../src/modules/mail/index.ts'
import { MAIL_SCHEDULE } from '../../../src/modules/mail/worker.ts'
import { freePort, outboxRows, startSmtpSink } from '../../helpers/mail.ts'
import { shortWorker, startSilentServer, startSmtpServer } from './fixture.ts'

const message = { to: 'li.na@test.talent-orders.cn', subject: '邀请您加入 / Invitation', text: '请打开链接\n\nOpen the link' }

await t.test('a message reaches the SMTP server once, from MAIL_FROM, with its UTF-8 text', async (t) => {
  const sink = await startSmtpSink()
  t.teardown(sink.close)
  const app = await buildTestApp(t, { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Talent Orders <mail@test.talent-orders.cn>' })
  t.equal(app.mailWorker.transport, 'smtp')
  await app.data.write((tx) => enqueueMail(tx, message, app.clock()))
  t.equal(await app.mailWorker.runOnce(), 1)
  t.equal(sink.received.length, 1)
  t.same(sink.received[0]!.to, ['li.na@test.talent-orders.cn'])
  t.equal(sink.received[0]!.from, 'mail@test.talent-orders.cn')
  t.match(sink.received[0]!.raw, /charset=utf-8/i)
  t.same((await outboxRows(app)).map((r) => r.status), ['sent'])
  t.equal(await app.mailWorker.runOnce(), 0)
  t.equal(sink.received.length, 1, 'once')
})

await t.test('the SMTP server down: retried with backoff, delivered once it is back', async (t) => {
  const port = await freePort()
  const app = await buildTestApp(t, { SMTP_URL: `smtp://127.0.0.1:${port}` })
  await app.data.write((tx) => enqueueMail(tx, message, app.clock()))
  t.equal(await app.mailWorker.runOnce(), 1, 'attempted')
  const [failed] = await outboxRows(app)
  t.equal(failed?.status, 'pending', 'still pending')
  t.equal(failed?.attempts, 1)
  t.match(failed?.last_error, /ECONNREFUSED|connect/i)
  const delay = Date.parse(failed?.next_attempt_at ?? '') - app.clock().getTime()
  t.ok(delay >= MAIL_SCHEDULE.firstDelayMs * 0.75 && delay <= MAIL_SCHEDULE.firstDelayMs, `next attempt in ${delay} ms`)
  t.equal(await app.mailWorker.runOnce(), 0, 'not due yet')

  const sink = await startSmtpSink(port)
  t.teardown(sink.close)
  app.testClock.advance(MAIL_SCHEDULE.firstDelayMs)
  t.equal(await app.mailWorker.runOnce(), 1)
  t.equal(sink.received.length, 1, 'delivered')
  t.match(await outboxRows(app), [{ status: 'sent', attempts: 2, last_error: null }])
  app.testClock.advance(MAIL_SCHEDULE.maxDelayMs)
  t.equal(await app.mailWorker.runOnce(), 0)
  t.equal(sink.received.length, 1, 'exactly once')
})

await t.test('after the last attempt a message is failed and left alone', async (t) => {
  const port = await freePort()
  const app = await buildTestApp(t, { SMTP_URL: `smtp://127.0.0.1:${port}` })
  await app.data.write((tx) => enqueueMail(tx, message, app.clock()))
  for (let attempt = 1; attempt <= MAIL_SCHEDULE.maxAttempts; attempt++) {
    t.equal(await app.mailWorker.runOnce(), 1, `attempt ${attempt}`)
    app.testClock.advance(MAIL_SCHEDULE.maxDelayMs)
  }
  t.match(await outboxRows(app), [{ status: 'failed', attempts: MAIL_SCHEDULE.maxAttempts, next_attempt_at: null }])
  t.equal(await app.mailWorker.runOnce(), 0)
})

await t.test('SMTP_URL credentials, percent-encoded, reach the server as its login', async (t) => {
  const logins: Array<{ username: unknown, password: unknown }> = []
  let delivered = 0
  const port = await startSmtpServer(t, {
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    onAuth (auth, _session, callback) {
      logins.push({ username: auth.username, password: auth.password })
      if (auth.username === 'mailer@test.talent-orders.cn' && auth.password === 'p@ss:word/1') callback(null, { user: 'mailer' })
      else callback(new Error('invalid login'))
    },
    onData (stream, _session, callback) {
      stream.resume()
      stream.on('end', () => { delivered++; callback() })
    }
  })
  const app = await buildTestApp(t, { SMTP_URL: `smtp://mailer%40test.talent-orders.cn:p%40ss%3Aword%2F1@127.0.0.1:${port}` })
  await app.data.write((tx) => enqueueMail(tx, message, app.clock()))
  t.equal(await app.mailWorker.runOnce(), 1)
  t.same(logins, [{ username: 'mailer@test.talent-orders.cn', password: 'p@ss:word/1' }], 'logged in with the decoded credentials')
  t.equal(delivered, 1)
  t.match(await outboxRows(app), [{ status: 'sent' }])
})

await t.test('a recipient the server refuses (550) is failed at once, not retried', async (t) => {
  const port = await startSmtpServer(t, {
    authOptional: true,
    onRcptTo (address, _session, callback) {
      if (address.address.startsWith('gone')) callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }))
      else callback()
    },
    onData (stream, _session, callback) {
      stream.resume()
      stream.on('end', () => callback())
    }
  })
  const app = await buildTestApp(t, { SMTP_URL: `smtp://127.0.0.1:${port}` })
  await app.data.write(async (tx) => {
    await enqueueMail(tx, { ...message, to: 'gone@test.talent-orders.cn' }, app.clock())
    await enqueueMail(tx, message, app.clock())
  })
  t.equal(await app.mailWorker.runOnce(), 2)
  const rows = await outboxRows(app)
  t.match(rows.find((r) => r.recipient === 'gone@test.talent-orders.cn'), { status: 'failed', attempts: 1, next_attempt_at: null, last_error: /550/ })
  t.match(rows.find((r) => r.recipient === message.to), { status: 'sent' }, 'the other message is sent')
})

await t.test('a server that never answers: each attempt ends at the timeout, and a pass stops in time to keep its lease', async (t) => {
  const silent = await startSilentServer(t)
  const app = await buildTestApp(t)
  const worker = shortWorker(app, `smtp://127.0.0.1:${silent.port}`, { timeoutMs: 150, leaseMs: 1200 })
  await app.data.write(async (tx) => {
    for (let i = 0; i < 12; i++) await enqueueMail(tx, { ...message, to: `hang${i}@test.talent-orders.cn` }, app.clock())
  })
  const started = Date.now()
  const attempted = await worker.runOnce()
  const elapsed = Date.now() - started
  // Attempts start during the first 1200 − 150 − 200 ms: about six of them, never all twelve.
  t.ok(attempted >= 1 && attempted < 12, `${attempted} attempted`)
  t.ok(elapsed < 1200, `the pass ended within its lease (${elapsed} ms)`)
  const rows = await outboxRows(app)
  const tried = rows.filter((r) => r.attempts === 1)
  t.equal(tried.length, attempted, 'each attempt counted once')
  t.ok(tried.every((r) => r.status === 'pending' && r.next_attempt_at !== null && /not accepted within 150 ms/.test(r.last_error ?? '')), 'timed out, retried later')
  const given = rows.filter((r) => r.attempts === 0)
  t.equal(given.length, 12 - attempted, 'the rest given back unattempted')
  t.ok(given.every((r) => r.status === 'pending' && r.last_error === null), 'due again at once')
  t.same(await app.data.all('select id from mail_outbox where lease_until is not null'), [], 'no lease left behind')
  t.equal(silent.connections(), attempted, 'one connection an attempt')
})

await t.test('closing: no new attempt, the one under way is cut short after the grace and given back', async (t) => {
  const silent = await startSilentServer(t)
  const app = await buildTestApp(t)
  const worker = shortWorker(app, `smtp://127.0.0.1:${silent.port}`, { timeoutMs: 5000, leaseMs: 20_000, closeGraceMs: 100 })
  await app.data.write(async (tx) => {
    await enqueueMail(tx, message, app.clock())
    await enqueueMail(tx, { ...message, to: 'second@test.talent-orders.cn' }, app.clock())
  })
  const pass = worker.runOnce()
  while (silent.connections() === 0) await new Promise((resolve) => setTimeout(resolve, 10))
  const started = Date.now()
  worker.stop()
  await worker.idle()
  t.ok(Date.now() - started < 2000, 'closed without waiting for the timeout')
  t.equal(await pass, 1, 'one attempt started')
  t.match(await outboxRows(app), [{ status: 'pending', attempts: 0, last_error: null }, { status: 'pending', attempts: 0, last_error: null }], 'both given back as they were')
  t.same(await app.data.all('select id from mail_outbox where lease_until is not null'), [], 'no lease left behind')
  t.equal(await worker.runOnce(), 0, 'a stopped worker starts no pass')
  t.equal(await app.mailWorker.runOnce(), 2, 'due again at once: another worker (here the app\'s, to the log) sends them')
  t.match(await outboxRows(app), [{ status: 'sent', attempts: 1 }, { status: 'sent', attempts: 1 }])
})
