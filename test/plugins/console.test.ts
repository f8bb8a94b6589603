// The console plugin: index.html for console paths (no-cache, strict CSP), immutable precompressed assets, API 404s kept, a hint when unbuilt.
import t from 'tap'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib'
import { buildApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { testEnv } from '../helper.ts'
import { assertProblem } from '../helpers/foundation.ts'

const INDEX = '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="app"></div></body></html>'
const SCRIPT = 'console.log("talent orders console")'.repeat(50)

async function appWith (t: { teardown: (fn: () => unknown) => void }, build: boolean) {
  const root = mkdtempSync(join(tmpdir(), 'console-dist-'))
  t.teardown(() => rmSync(root, { recursive: true, force: true }))
  if (build) {
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'index.html'), INDEX)
    writeFileSync(join(root, 'assets', 'app-abc123.js'), SCRIPT)
    writeFileSync(join(root, 'assets', 'app-abc123.js.br'), brotliCompressSync(SCRIPT))
  }
  const app = await buildApp({ config: loadConfig(testEnv()), consoleRoot: root })
  t.teardown(() => app.close())
  return app
}

t.test('console paths get index.html, revalidated, under the strict CSP (no inline code)', async (t) => {
  const app = await appWith(t, true)
  for (const url of ['/', '/orders/abc', '/orders/abc/edit', '/login?next=%2Forders', '/queue', '/organizations/abc', '/team', '/invitation', '/password-reset']) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 200, url)
    t.equal(res.body, INDEX, `${url}: the page`)
    t.match(res.headers['content-type'], /^text\/html/)
    t.equal(res.headers['cache-control'], 'no-cache')
    const csp = String(res.headers['content-security-policy'])
    t.match(csp, /script-src 'self'(;|$)/)
    t.match(csp, /style-src 'self'(;|$)/)
    t.notMatch(csp, /unsafe-inline/)
  }
})

t.test('hashed assets are cached for good and served precompressed', async (t) => {
  const app = await appWith(t, true)
  const br = await app.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } })
  t.equal(br.statusCode, 200)
  t.equal(br.headers['content-encoding'], 'br')
  t.match(br.headers['cache-control'], /immutable/)
  t.match(br.headers['cache-control'], /max-age=31536000/)
  t.equal(brotliDecompressSync(br.rawPayload).toString(), SCRIPT)
  const plain = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' })
  t.equal(plain.body, SCRIPT, 'identity for clients that accept no encoding')
})

t.test('API, docs, unknown paths and missing files keep their 404 problems', async (t) => {
  const app = await appWith(t, true)
  for (const url of ['/nope', '/ordersx', '/v1/nothing-here', '/v1', '/health/x', '/docs/nothing', '/assets/missing-1.js', '/orders/x.js', '/favicon.ico']) {
    const res = await app.inject({ method: 'GET', url })
    assertProblem(t, res, 404, 'not_found', url)
    t.equal(res.headers['cache-control'], 'no-store', `${url}: a problem is not cached`)
  }
  const tooLong = await app.inject({ method: 'GET', url: `/v1/orders/${'a'.repeat(201)}` })
  assertProblem(t, tooLong, 400, 'validation_failed', 'an over-long API parameter is still a 400, not a console page or a 404')
  const health = await app.inject({ method: 'GET', url: '/health' })
  t.equal(health.statusCode, 200, 'real routes win over the fallback')
})

t.test('an unbuilt console answers / with a problem naming the build command', async (t) => {
  const app = await appWith(t, false)
  const res = await app.inject({ method: 'GET', url: '/' })
  const body = assertProblem(t, res, 404, 'not_found')
  t.match(String(body['detail']), /npm run build:console/)
  t.equal(res.headers['cache-control'], 'no-store')
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 200, 'the API still serves')
})
