// Webhook URLs against SSRF: https only, no credentials, no loopback, private, link-local or metadata hosts, before and after DNS.
import t from 'tap'
import type { LookupAddress } from 'node:dns'
import { api, buildTestApp, registerOrg } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { startReceiver } from '../../helpers/webhooks.ts'
import { checkWebhookUrl, guardedLookup, refusedRange, UrlRefused } from '../../../src/modules/webhooks/url-guard.ts'
import { sendWebhook } from '../../../src/modules/webhooks/sender.ts'
import { HttpProblem } from '../../../src/lib/problems.ts'

const REFUSED = [
  'http://hooks.example.invalid/',
  'https://127.0.0.1/',
  'https://127.1.2.3:8443/hook',
  'https://[::1]/',
  'https://10.0.0.5/',
  'https://172.16.4.4/',
  'https://192.168.1.10/',
  'https://169.254.169.254/latest/meta-data/',
  'https://100.64.0.1/',
  'https://0.0.0.0/',
  'https://224.0.0.1/',
  'https://255.255.255.255/',
  'https://[::ffff:127.0.0.1]/',
  'https://[::ffff:a9fe:a9fe]/',
  'https://[fd00::1]/',
  'https://[fe80::1]/',
  'https://[::]/',
  'https://2130706433/',
  'https://0x7f.1/',
  'https://localhost/',
  'https://LOCALHOST./',
  'https://foo.localhost/',
  'https://user:pass@hooks.example.invalid/'
]

t.test('the API refuses non-public and non-https URLs with 422 webhook_url_refused', async (t) => {
  const app = await buildTestApp(t, { WRITE_RATE_LIMIT: '0' })
  const college = await registerOrg(app, 'college')
  for (const url of REFUSED) {
    const res = await api(app, college.token, { method: 'POST', url: '/v1/webhooks', payload: { url, events: ['*'] } })
    const problem = assertProblem(t, res, 422, 'webhook_url_refused', url)
    t.match(problem, { detail: /^webhook URL refused: /, errors: [{ path: '/body/url' }] })
  }
  t.same((await api(app, college.token, { method: 'GET', url: '/v1/webhooks' })).json().items, [], 'nothing stored')
  const unparsable = await api(app, college.token, { method: 'POST', url: '/v1/webhooks', payload: { url: 'https://exa mple/'.replace(' ', '%'), events: ['*'] } })
  assertProblem(t, unparsable, 422, 'webhook_url_invalid')
})

t.test('a public https URL, and a name that does not resolve now, are accepted', async (t) => {
  const app = await buildTestApp(t)
  const college = await registerOrg(app, 'college')
  for (const url of ['https://93.184.215.14/hook', 'https://[2606:4700::1111]/hook', 'https://hooks.example.invalid/hook']) {
    const res = await api(app, college.token, { method: 'POST', url: '/v1/webhooks', payload: { url, events: ['*'] } })
    t.equal(res.statusCode, 201, `${url}: ${res.body}`)
  }
})

t.test('WEBHOOK_ALLOW_PRIVATE=true accepts http: on loopback (development and tests)', async (t) => {
  const app = await buildTestApp(t, { WEBHOOK_ALLOW_PRIVATE: 'true' })
  const college = await registerOrg(app, 'college')
  for (const url of ['http://127.0.0.1:8123/hook', 'http://localhost:8123/hook', 'https://10.1.2.3/']) {
    const res = await api(app, college.token, { method: 'POST', url: '/v1/webhooks', payload: { url, events: ['*'] } })
    t.equal(res.statusCode, 201, `${url}: ${res.body}`)
  }
  const credentials = await api(app, college.token, { method: 'POST', url: '/v1/webhooks', payload: { url: 'http://a:b@127.0.0.1/', events: ['*'] } })
  assertProblem(t, credentials, 422, 'webhook_url_refused', 'credentials are refused even so')
})

t.test('a name that resolves to a private address is refused at registration', async (t) => {
  const resolveTo = (...addresses: string[]) => async (): Promise<LookupAddress[]> =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  await t.resolves(checkWebhookUrl('https://hooks.example.com/', false, resolveTo('93.184.215.14')))
  for (const addresses of [['10.0.0.1'], ['93.184.215.14', '127.0.0.1'], ['::1'], ['::ffff:192.168.0.1'], ['169.254.169.254']]) {
    const refused = await checkWebhookUrl('https://rebind.example.com/', false, resolveTo(...addresses)).catch((error: unknown) => error)
    t.ok(refused instanceof HttpProblem && refused.status === 422 && refused.code === 'webhook_url_refused', addresses.join(', '))
    t.match((refused as Error).message, /rebind\.example\.com resolves to/)
  }
  await t.resolves(checkWebhookUrl('https://rebind.example.com/', true, resolveTo('10.0.0.1')), 'allowed when private addresses are')
  const failing = async (): Promise<LookupAddress[]> => { throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) }
  await t.resolves(checkWebhookUrl('https://unknown.example.com/', false, failing), 'an unresolvable name is accepted')
})

t.test('refusedRange classifies addresses with ipaddr.js', async (t) => {
  for (const address of ['127.0.0.1', '10.1.1.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.127.0.1', '0.0.0.0', '239.1.1.1',
    '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'ff02::1', '::ffff:10.0.0.1', '::127.0.0.1']) {
    t.not(refusedRange(address), undefined, `${address} refused (${refusedRange(address)})`)
  }
  for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
    t.equal(refusedRange(address), undefined, `${address} is public`)
  }
})

t.test('at delivery time the lookup refuses private addresses, and the sender does not connect', async (t) => {
  const refusedLookup = await new Promise<unknown>((resolve) => guardedLookup(false)('localhost', { all: true }, (error) => resolve(error)))
  t.ok(refusedLookup instanceof UrlRefused, 'localhost resolves to loopback: refused')
  const allowed = await new Promise<unknown>((resolve) => guardedLookup(true)('localhost', {}, (error, address) => resolve(error ?? address)))
  t.match(allowed, /^(127\.0\.0\.1|::1)$/, 'allowed, a single address is handed over')

  const receiver = await startReceiver(t)
  const port = new URL(receiver.url).port
  for (const url of [receiver.url, `https://127.0.0.1:${port}/hook`, `https://localhost:${port}/hook`]) {
    const result = await sendWebhook(url, {}, '{}', { allowPrivate: false, timeoutMs: 2000 })
    t.match(result, { delivered: false, statusCode: null, error: /^refused: / }, url)
  }
  t.equal(receiver.received.length, 0, 'nothing reached the receiver')
  const sent = await sendWebhook(receiver.url, {}, '{}', { allowPrivate: true, timeoutMs: 2000 })
  t.match(sent, { delivered: true, statusCode: 200 })
})
