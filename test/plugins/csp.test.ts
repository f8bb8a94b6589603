// CSP: /docs works over plain HTTP on any address (no upgrade-insecure-requests), Swagger UI's page fits its policy,
// the API keeps script-src and style-src 'self', and TLS (direct or through a trusted proxy) adds the upgrade.
import t from 'tap'
import { createHash } from 'node:crypto'
import { buildTestApp } from '../helper.ts'

const LAN = { host: '192.168.1.5:3000' }

/** Directive name → its sources, from a Content-Security-Policy header. */
function parseCsp (header: unknown): Map<string, string[]> {
  const policy = new Map<string, string[]>()
  for (const part of String(header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) policy.set(name, sources)
  }
  return policy
}

t.test('/docs over http on a LAN address: no upgrade-insecure-requests, and the policy allows what the page uses', async (t) => {
  const app = await buildTestApp(t)
  const page = await app.inject({ url: '/docs/', headers: LAN })
  t.equal(page.statusCode, 200)
  const csp = parseCsp(page.headers['content-security-policy'])
  t.notOk(csp.has('upgrade-insecure-requests'), 'assets stay on http')
  t.same(csp.get('script-src'), ["'self'"], 'scripts from this origin only, nothing inline')
  t.ok(csp.get('img-src')?.includes('data:'), 'swagger-ui.css draws its icons with data: URLs')

  // The page itself: every script and stylesheet is a same-origin file, nothing inline.
  const html = page.body
  t.notMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline <script>')
  t.notMatch(html, /<style|\sstyle=|\son\w+=/, 'no inline style or event handler')
  const assets = [...html.matchAll(/(?:src|href)="(\.\/static\/[^"]+)"/g)].map((m) => `/docs/${m[1]!.slice(2)}`)
  t.ok(assets.length >= 5, `${assets.length} assets`)
  const styleSources = csp.get('style-src') ?? []
  let inlineStyles = 0
  for (const url of assets) {
    const asset = await app.inject({ url, headers: LAN })
    t.equal(asset.statusCode, 200, url)
    if (!url.endsWith('.js')) continue
    // React renders these <style> elements (the topbar logo): each needs its hash in style-src.
    for (const match of asset.body.matchAll(/createElement\("style",null,("(?:[^"\\]|\\.)*")\)/g)) {
      inlineStyles++
      const hash = `'sha256-${createHash('sha256').update(JSON.parse(match[1]!) as string).digest('base64')}'`
      t.ok(styleSources.includes(hash), `style-src allows the inline style of ${url}`)
    }
  }
  t.ok(inlineStyles > 0, 'the UI renders inline styles, all allowed by hash')
  t.notOk(styleSources.includes("'unsafe-inline'"), 'no unsafe-inline')
})

t.test('the API keeps the strict policy a same-origin console bundle fits', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/health', headers: LAN })
  const csp = parseCsp(res.headers['content-security-policy'])
  t.same(csp.get('script-src'), ["'self'"])
  t.same(csp.get('style-src'), ["'self'"], 'the docs hashes stay on /docs')
  t.same(csp.get('object-src'), ["'none'"])
  t.notOk(csp.has('upgrade-insecure-requests'))
})

t.test('over TLS, told by a trusted proxy, the policy upgrades insecure requests; an untrusted header changes nothing', async (t) => {
  const proxied = await buildTestApp(t, { TRUST_PROXY: '1' })
  for (const url of ['/docs/', '/health']) {
    const res = await proxied.inject({ url, headers: { ...LAN, 'x-forwarded-proto': 'https' } })
    t.ok(parseCsp(res.headers['content-security-policy']).has('upgrade-insecure-requests'), `${url} behind a TLS proxy`)
  }
  const direct = await buildTestApp(t)
  const forged = await direct.inject({ url: '/docs/', headers: { ...LAN, 'x-forwarded-proto': 'https' } })
  t.notOk(parseCsp(forged.headers['content-security-policy']).has('upgrade-insecure-requests'), 'without TRUST_PROXY the header is not believed')
})
