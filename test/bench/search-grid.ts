// In-process timing of every search the bench's search scenario sends: each college it logs in, each term, with and without status=open.
// npx tsx test/bench/search-grid.ts --db FILE (kept by `npm run bench -- --keep`) [--url DATABASE_URL: serve its db:copy on PostgreSQL] [--colleges N] [--top K]
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { manifestPath, type Manifest } from './generate.ts'
import { SEARCH_TERMS } from './scenarios.ts'

const { values } = parseArgs({ options: { db: { type: 'string' }, url: { type: 'string' }, colleges: { type: 'string', default: '3' }, top: { type: 'string', default: '15' } } })
if (!values.db) throw new Error('--db FILE')
const manifest = JSON.parse(readFileSync(manifestPath(values.db), 'utf8')) as Manifest
const { loadConfig } = await import('../../src/config.ts')
const { buildApp } = await import('../../src/app.ts')
const app = await buildApp({ config: loadConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(48).toString('base64url'), ...(values.url === undefined ? { DATABASE_PATH: values.db } : { DATABASE_URL: values.url }), WRITE_RATE_LIMIT: '0', LOG_LEVEL: 'warn' }) })
const login = async (email: string) => (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: manifest.password } })).json<{ accessToken: string }>().accessToken

const timings: { who: string, url: string, ms: number }[] = []
for (const [code, emails] of Object.entries(manifest.collegeLogins)) {
  for (const email of emails.slice(0, Number(values.colleges))) {
    const token = await login(email)
    for (const q of SEARCH_TERMS) {
      for (const status of ['', '&status=open']) {
        const url = `/v1/orders?q=${encodeURIComponent(q)}&limit=20${status}`
        const headers = { authorization: `Bearer ${token}` }
        await app.inject({ method: 'GET', url, headers })
        const started = performance.now()
        const response = await app.inject({ method: 'GET', url, headers })
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`)
        timings.push({ who: `${code} ${email.split('@')[0]}`, url: decodeURIComponent(url), ms: performance.now() - started })
      }
    }
  }
}
timings.sort((a, b) => b.ms - a.ms)
const total = timings.reduce((sum, t) => sum + t.ms, 0)
process.stdout.write(`${timings.length} searches, mean ${(total / timings.length).toFixed(1)} ms; slowest:\n`)
for (const t of timings.slice(0, Number(values.top))) process.stdout.write(`${t.ms.toFixed(1).padStart(8)} ms  ${t.who}  ${t.url}\n`)
await app.close()
