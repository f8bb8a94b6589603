// EXPLAIN ANALYZE of the statements one request runs on PostgreSQL: serves a db:copy of a bench file in-process.
// npx tsx test/bench/pg-explain.ts --db FILE --url DATABASE_URL --url-path '/v1/orders?q=焊工&status=open' [--alliance equipment] [--dump FILE]
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { manifestPath, type Manifest } from './generate.ts'

const { values } = parseArgs({ options: { db: { type: 'string' }, url: { type: 'string' }, 'url-path': { type: 'string' }, alliance: { type: 'string', default: 'equipment' }, dump: { type: 'string' } } })
if (!values.db || !values.url || !values['url-path']) throw new Error('--db FILE --url DATABASE_URL --url-path PATH')
const manifest = JSON.parse(readFileSync(manifestPath(values.db), 'utf8')) as Manifest
const { loadConfig } = await import('../../src/config.ts')
const { buildApp } = await import('../../src/app.ts')
const app = await buildApp({ config: loadConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(48).toString('base64url'), DATABASE_URL: values.url, WRITE_RATE_LIMIT: '0', LOG_LEVEL: 'warn' }) })
const email = manifest.collegeLogins[values.alliance as keyof Manifest['collegeLogins']][0]!
const token = (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: manifest.password } })).json<{ accessToken: string }>().accessToken

type Recorded = { text: string, values: unknown[] }
const recorded: Recorded[] = []
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const config = args[0] as string | { text: string, values?: unknown[] }
  const text = typeof config === 'string' ? config : config.text
  const params = typeof config === 'string' ? (args[1] as unknown[] | undefined) ?? [] : config.values ?? []
  recorded.push({ text, values: params })
  return query.apply(this, args)
} as typeof pg.Client.prototype.query

const headers = { authorization: `Bearer ${token}` }
await app.inject({ method: 'GET', url: values['url-path'], headers })
recorded.length = 0
const started = performance.now()
await app.inject({ method: 'GET', url: values['url-path'], headers })
process.stdout.write(`${values['url-path']}: ${(performance.now() - started).toFixed(1)} ms in-process\n`)
const client = new pg.Client({ connectionString: values.url })
await client.connect()
// The list statements (the others are point look-ups); --dump FILE writes them with their values, to try variants by hand.
const lists = recorded.filter((x) => x.text.includes('search_terms') || x.text.includes('limit'))
if (values.dump) writeFileSync(values.dump, JSON.stringify(lists, null, 2))
for (const r of lists) {
  process.stdout.write(`\n-- ${r.text.replace(/\s+/g, ' ').slice(0, 200)}\n`)
  const plan = await client.query(`explain (analyze, buffers) ${r.text}`, r.values)
  process.stdout.write(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n') + '\n')
}
await client.end()
await app.close()
