// Errors raised by Fastify itself (router, parsers, HTTP parser) are problem+json with the security headers, statuses from the API's table.
import t, { type Test } from 'tap'
import { connect, Socket } from 'node:net'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, api, registerOrg } from '../helper.ts'
import { assertProblem, buildAppWith } from '../helpers/foundation.ts'
import { IncomingMessage, ServerResponse } from 'node:http'
import helmet from 'helmet'
import { cspDirectives, securityHeaders, type CspDirectives } from '../../src/lib/security-headers.ts'
import { docsCspDirectives } from '../../src/plugins/swagger-csp.ts'

/** A problem with status and code, carrying every header helmet sets. */
function securedProblem (t: Test, res: LightMyRequestResponse, status: number, code: string, what: string) {
  const body = assertProblem(t, res, status, code, what)
  t.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`)
  t.match(String(res.headers['content-security-policy']), /default-src 'self'/, `${what}: CSP`)
  for (const name of Object.keys(securityHeaders)) t.ok(res.headers[name], `${what}: ${name}`)
  t.equal(res.headers['cache-control'], 'no-store', `${what}: no-store`)
  return body
}

/** What helmet's own middleware writes on a real Node response under a policy, request by request as @fastify/helmet ran it. */
function helmetOnResponse (directives: CspDirectives): Record<string, string> {
  const res = new ServerResponse(new IncomingMessage(new Socket()))
  const middleware = helmet({ contentSecurityPolicy: { useDefaults: false, directives } }) as unknown as
    (req: unknown, res: ServerResponse, next: (error?: unknown) => void) => void
  middleware({ headers: {} }, res, (error) => { if (error) throw error })
  return Object.fromEntries(Object.entries(res.getHeaders()).map(([name, value]) => [name, String(value)]))
}

t.test('the headers set once per policy are the ones helmet writes on each answer, the API\'s and the Swagger UI\'s', async (t) => {
  const app = await buildTestApp(t)
  const expected = helmetOnResponse(cspDirectives())
  t.ok(Object.keys(expected).length >= 10)
  t.same(securityHeaders, expected, 'the fixed set for answers before any hook')
  for (const [url, policy] of [['/health', expected], ['/docs/', helmetOnResponse(docsCspDirectives())]] as const) {
    const res = await app.inject({ method: 'GET', url })
    for (const [name, value] of Object.entries(policy)) t.equal(res.headers[name], value, `${url}: ${name}`)
  }
})

t.test('malformed percent-encoding and over-long parameters in a path: 400 problems, not Fastify JSON or 414', async (t) => {
  const app = await buildTestApp(t)
  const user = await registerOrg(app, 'enterprise')
  for (const token of [null, user.token]) {
    const who = token ? 'with a token' : 'anonymous'
    for (const url of ['/v1/orders/%FF', '/v1/orders/%E7%84', '/v1/orders/%zz', '/v1/bids/%C0%AF']) {
      const body = securedProblem(t, await api(app, token, { method: 'GET', url }), 400, 'validation_failed', `${url} ${who}`)
      t.notMatch(JSON.stringify(body), /FST_/, 'no Fastify codes')
    }
    securedProblem(t, await api(app, token, { method: 'GET', url: `/v1/orders/${'a'.repeat(201)}` }), 400, 'validation_failed', `201-character id ${who}`)
    securedProblem(t, await api(app, token, { method: 'POST', url: `/v1/orders/${'a'.repeat(5000)}/publish` }), 400, 'validation_failed', `5000-character id ${who}`)
  }
  assertProblem(t, await api(app, user.token, { method: 'GET', url: `/v1/orders/${'a'.repeat(65)}` }), 400, 'validation_failed', 'over the id schema')
  assertProblem(t, await api(app, user.token, { method: 'GET', url: '/v1/orders/%61bc' }), 404, 'not_found', 'well-formed percent-encoding that names no order')
})

t.test('a malformed query string is a 400 problem before any route runs', async (t) => {
  const app = await buildTestApp(t)
  const user = await registerOrg(app, 'college')
  for (const query of ['q=%FF', 'q=%E7%84', 'q=%zz', 'q=100%', 'limit=5&q=%C3']) {
    securedProblem(t, await api(app, user.token, { method: 'GET', url: `/v1/orders?${query}` }), 400, 'validation_failed', query)
    securedProblem(t, await app.inject({ method: 'GET', url: `/v1/orders?${query}` }), 400, 'validation_failed', `${query} before authentication`)
  }
  t.equal((await api(app, user.token, { method: 'GET', url: '/v1/orders?q=%E7%84%8A%E5%B7%A5' })).statusCode, 200, 'percent-encoded Chinese is fine')
  t.equal((await api(app, user.token, { method: 'GET', url: '/v1/orders?q=cnc+lathe' })).statusCode, 200, '+ for a space is fine')
})

t.test('not found, media type, body too large, bad JSON: problems with the security headers', async (t) => {
  const app = await buildTestApp(t)
  const user = await registerOrg(app, 'enterprise')
  securedProblem(t, await app.inject({ method: 'GET', url: '/nowhere' }), 404, 'not_found', '404')
  securedProblem(t, await api(app, user.token, { method: 'POST', url: '/v1/orders', headers: { 'content-type': 'text/xml' }, payload: '<x/>' }), 415, 'unsupported_media_type', '415')
  securedProblem(t, await api(app, user.token, { method: 'POST', url: '/v1/orders', headers: { 'content-type': 'application/json' }, payload: `{"a":"${'x'.repeat(1024 * 1024)}"}` }), 413, 'payload_too_large', '413')
  securedProblem(t, await api(app, user.token, { method: 'POST', url: '/v1/orders', headers: { 'content-type': 'application/json' }, payload: '{"title":' }), 400, 'validation_failed', 'bad JSON')
})

t.test('4xx statuses outside the API table become 400; 5xx stay opaque', async (t) => {
  const app = await buildAppWith(t, async (instance) => {
    for (const status of [408, 414, 416, 431]) {
      instance.get(`/test/status-${status}`, async () => { throw Object.assign(new Error(`raised ${status}`), { statusCode: status }) })
    }
  })
  for (const status of [408, 414, 416, 431]) {
    securedProblem(t, await app.inject({ method: 'GET', url: `/test/status-${status}` }), 400, 'validation_failed', `${status}`)
  }
})

/** Sends raw bytes to a listening server and returns the whole answer. */
function rawRequest (port: number, request: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })
}

t.test('raw non-ASCII bytes in a URL (unencoded Chinese) and malformed HTTP: a 400 problem over the wire', async (t) => {
  const app = await buildTestApp(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const requests = [
    Buffer.concat([Buffer.from('GET /v1/orders?q='), Buffer.from('焊工'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]),
    Buffer.concat([Buffer.from('GET /v1/orders/'), Buffer.from('焊工'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]),
    Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n')
  ]
  for (const [i, request] of requests.entries()) {
    const answer = await rawRequest(port, request)
    const [head = '', body = ''] = answer.split('\r\n\r\n')
    t.match(head, /^HTTP\/1\.1 400 /, `request ${i}: 400`)
    t.match(head, /content-type: application\/problem\+json/i, `request ${i}: problem+json`)
    t.match(head, /x-content-type-options: nosniff/i, `request ${i}: nosniff`)
    t.match(head, /content-security-policy: default-src 'self'/i, `request ${i}: CSP`)
    t.match(head, /cache-control: no-store/i, `request ${i}: no-store`)
    t.match(JSON.parse(body), { status: 400, code: 'validation_failed', type: String, title: 'Bad Request', detail: String }, `request ${i}: body`)
  }
})
