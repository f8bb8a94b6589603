// SQL profile of the bench requests: runs each scenario's request in-process (app.inject) against a generated file,
// times every statement it executes and prints the slowest with EXPLAIN QUERY PLAN.
// npx tsx test/bench/explain.ts --db FILE (kept by `npm run bench -- --keep`) [--repeat N] [--only list,read]
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import BetterSqlite3 from 'better-sqlite3'
import { manifestPath, type Manifest } from './generate.ts'
import { orderBody, SEARCH_TERMS } from './scenarios.ts'

type Stat = { sql: string, calls: number, ms: number, args: unknown[], db: BetterSqlite3.Database }
const stats = new Map<string, Stat>()
let current = ''

// Wrap every prepared statement so each execution is timed under the request being profiled.
const prepare = BetterSqlite3.prototype.prepare
BetterSqlite3.prototype.prepare = function (this: BetterSqlite3.Database, source: string) {
  const statement = prepare.call(this, source)
  const methods = statement as unknown as Record<string, (...args: unknown[]) => unknown>
  for (const method of ['run', 'get', 'all'] as const) {
    const original = methods[method]!
    methods[method] = (...args: unknown[]) => {
      const started = performance.now()
      try {
        return original.apply(statement, args)
      } finally {
        const key = `${current}\u0000${source}`
        const stat = stats.get(key) ?? { sql: source, calls: 0, ms: 0, args, db: this }
        stat.calls++
        stat.ms += performance.now() - started
        stats.set(key, stat)
      }
    }
  }
  return statement
} as typeof prepare

const { values } = parseArgs({ options: { db: { type: 'string' }, repeat: { type: 'string', default: '20' }, only: { type: 'string' } } })
if (!values.db) throw new Error('--db FILE (a file kept by npm run bench -- --keep) is required')
const manifest = JSON.parse(readFileSync(manifestPath(values.db), 'utf8')) as Manifest
const { loadConfig } = await import('../../src/config.ts')
const { buildApp } = await import('../../src/app.ts')
const app = await buildApp({ config: loadConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(48).toString('base64url'), DATABASE_PATH: values.db, WRITE_RATE_LIMIT: '0', LOG_LEVEL: 'warn' }) })

const login = async (email: string) => (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: manifest.password } })).json<{ accessToken: string }>().accessToken
const college = await login(manifest.collegeLogins.equipment[0]!)
const enterprise = await login(manifest.enterpriseLogins.equipment[0]!)
const coordinator = await login(manifest.coordinators.equipment)
const openOrder = manifest.open.equipment[0]!.id
const year = new Date(manifest.generatedAt).getUTCFullYear()
const requests: { name: string, token: string, method: 'GET' | 'POST', url: string, payload?: object }[] = [
  { name: 'list', token: college, method: 'GET', url: '/v1/orders?status=open&alliance=equipment&limit=20' },
  { name: 'read', token: college, method: 'GET', url: `/v1/orders/${manifest.visibleSample.equipment[0]}` },
  ...SEARCH_TERMS.map((q) => ({ name: `search ${q}`, token: college, method: 'GET' as const, url: `/v1/orders?q=${encodeURIComponent(q)}&limit=20` })),
  { name: 'recommend', token: coordinator, method: 'GET', url: `/v1/orders/${openOrder}/recommendations?limit=10` },
  { name: 'feed', token: college, method: 'GET', url: '/v1/recommendations/orders?limit=10' },
  { name: 'report', token: coordinator, method: 'GET', url: `/v1/reports/alliances/equipment?from=${year - 3}-01-01&to=${year}-12-31` },
  { name: 'create', token: enterprise, method: 'POST', url: '/v1/orders', payload: orderBody('equipment', 1) }
]
const repeat = Number(values.repeat)
const only = values.only?.split(',')
for (const r of requests.filter((x) => !only || only.some((o) => x.name.startsWith(o)))) {
  current = r.name
  // One untimed request first: serializers and statements compile on first use.
  await app.inject({ method: r.method, url: r.url, headers: { authorization: `Bearer ${r.token}` }, ...(r.payload ? { payload: r.payload } : {}) })
  for (const key of [...stats.keys()].filter((k) => k.startsWith(`${r.name}\u0000`))) stats.delete(key)
  const started = performance.now()
  for (let i = 0; i < repeat; i++) {
    const response = await app.inject({ method: r.method, url: r.url, headers: { authorization: `Bearer ${r.token}` }, ...(r.payload ? { payload: r.payload } : {}) })
    if (response.statusCode >= 300) throw new Error(`${r.name}: ${response.statusCode} ${response.body.slice(0, 300)}`)
  }
  const perRequest = (performance.now() - started) / repeat
  const mine = [...stats.entries()].filter(([k]) => k.startsWith(`${r.name}\u0000`)).map(([, s]) => s).sort((a, b) => b.ms - a.ms)
  const sqlMs = mine.reduce((sum, s) => sum + s.ms, 0) / repeat
  process.stdout.write(`\n== ${r.name}: ${perRequest.toFixed(2)} ms a request in-process, of which SQL ${sqlMs.toFixed(2)} ms (${mine.length} statements)\n`)
  for (const s of mine.slice(0, 3)) {
    process.stdout.write(`  ${(s.ms / repeat).toFixed(2)} ms/request, ${s.calls / repeat} call(s): ${s.sql.replace(/\s+/g, ' ').slice(0, 240)}\n`)
    if (!/^\s*(select|with)/i.test(s.sql)) continue
    try {
      const plan = s.db.prepare(`explain query plan ${s.sql}`).all(...(s.args as [])) as { id: number, parent: number, detail: string }[]
      for (const step of plan) process.stdout.write(`      ${step.detail}\n`)
    } catch (error) {
      process.stdout.write(`      (no plan: ${(error as Error).message})\n`)
    }
  }
}
await app.close()
