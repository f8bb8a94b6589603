// The retry schedule and the signature, without HTTP: delays within their bounds, and a signature any verifier accepts.
import t from 'tap'
import { createHmac } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { MAX_ATTEMPTS, nextAttemptAt, retryDelayMs } from '../../../src/modules/webhooks/backoff.ts'
import { newSecret, signature, signedHeaders } from '../../../src/modules/webhooks/signing.ts'

t.test('delays grow 10 s · 6^(n−1), capped at 10 h, jittered down to 75 %', async (t) => {
  const expected = [10_000, 60_000, 360_000, 2_160_000, 12_960_000, 36_000_000, 36_000_000]
  for (const [i, full] of expected.entries()) {
    t.equal(retryDelayMs(i + 1, () => 0), full, `after attempt ${i + 1}: at most ${full} ms`)
    t.equal(retryDelayMs(i + 1, () => 0.999999), Math.round(full * (1 - 0.25 * 0.999999)), 'at least 75 %')
  }
  t.equal(nextAttemptAt(MAX_ATTEMPTS, new Date()), null, `no attempt after the ${MAX_ATTEMPTS}th`)
  const start = new Date('2027-01-10T08:00:00.000Z')
  t.same(nextAttemptAt(1, start, () => 0), new Date('2027-01-10T08:00:10.000Z'))
  let at = 0
  for (let n = 1; n < 6; n++) at += retryDelayMs(n, () => 0.999999)
  t.ok(at >= 3_600_000, `the 6th attempt comes at least ${at} ms (over an hour) after the first, even with full jitter`)
})

t.test('the signature is Standard Webhooks: v1, HMAC-SHA256 over id.timestamp.body with the decoded secret', async (t) => {
  const secret = newSecret()
  t.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/)
  t.not(newSecret(), secret, 'random')
  const body = JSON.stringify({ id: 'evt', type: 'order.published', data: { 标题: '焊工' } })
  const at = new Date()
  const headers = signedHeaders(secret, 'evt', body, at)
  const timestamp = Math.floor(at.getTime() / 1000)
  t.same(headers, {
    'content-type': 'application/json',
    'webhook-id': 'evt',
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature(secret, 'evt', timestamp, body)
  })
  const key = Buffer.from(secret.slice(6), 'base64')
  t.equal(headers['webhook-signature'], `v1,${createHmac('sha256', key).update(`evt.${timestamp}.${body}`).digest('base64')}`)
  t.same(new Webhook(secret).verify(body, headers), JSON.parse(body), 'the reference library verifies it')
  t.throws(() => new Webhook(secret).verify(`${body} `, headers), 'a changed body does not verify')
  t.throws(() => new Webhook(newSecret()).verify(body, headers), 'another secret does not verify')
})
