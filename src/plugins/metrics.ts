// Prometheus metrics (prom-client) at GET /metrics behind the METRICS_TOKEN bearer: requests, database time, hashing, event loop.
import { createHash, timingSafeEqual } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import fp from 'fastify-plugin'
import type BetterSqlite3 from 'better-sqlite3'
import { Registry, Histogram, Gauge, collectDefaultMetrics } from 'prom-client'
import { HttpProblem } from '../lib/problems.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { HashSchedulerStats } from '../lib/hash-scheduler.ts'

// The one line that knows the password hashing's API (plugins/passwords.ts is registered later; read at scrape time).
const hashingStats = (app: FastifyInstance): HashSchedulerStats => app.passwords.scheduler.stats()

const digest = (text: string) => createHash('sha256').update(text).digest()

type StatementMethod = 'run' | 'get' | 'all'

/** Times every statement the connection prepares from now on (drizzle prepares per query) and every exec. */
function timeStatements (sqlite: BetterSqlite3.Database, observe: (operation: string, seconds: number) => void): void {
  const timed = <A extends unknown[], R>(operation: string, call: (...args: A) => R) => (...args: A): R => {
    const started = performance.now()
    try {
      return call(...args)
    } finally {
      observe(operation, (performance.now() - started) / 1000)
    }
  }
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source)
    for (const method of ['run', 'get', 'all'] as StatementMethod[]) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown
      Object.defineProperty(statement, method, { value: timed(method, original), configurable: true, writable: true })
    }
    return statement
  }) as typeof sqlite.prepare
  sqlite.exec = timed('exec', sqlite.exec.bind(sqlite)) as typeof sqlite.exec
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts an answer that no onResponse hook saw; absent without METRICS_TOKEN. */
    observeRequest?: (request: FastifyRequest, reply: FastifyReply) => void
  }
}

export default fp(async (app) => {
  const token = app.config.METRICS_TOKEN
  if (!token) return
  const expected = digest(`Bearer ${token}`)
  const register = new Registry()
  collectDefaultMetrics({ register, eventLoopMonitoringPrecision: 10 })

  const requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: _count is the request rate, the buckets the latency',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register]
  })
  const statements = new Histogram({
    name: 'talent_orders_db_statement_duration_seconds',
    help: 'Time spent in SQLite statements (synchronous: the event loop waits), by operation',
    labelNames: ['operation'],
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
    registers: [register]
  })
  register.registerMetric(new Gauge({
    name: 'talent_orders_password_hashes_running',
    help: 'Password derivations (scrypt) running now, at most HASH_CONCURRENCY',
    registers: [],
    collect () { this.set(hashingStats(app).running) }
  }))
  register.registerMetric(new Gauge({
    name: 'talent_orders_password_hashes_queued',
    help: 'Password derivations waiting for a slot, by kind; a full queue answers 503 overloaded',
    labelNames: ['kind'],
    registers: [],
    collect () {
      for (const [kind, waiting] of Object.entries(hashingStats(app).queued)) this.set({ kind }, waiting)
    }
  }))
  timeStatements(app.sqlite, (operation, seconds) => statements.observe({ operation }, seconds))

  const observe = (request: FastifyRequest, reply: FastifyReply) => {
    // The route template (/v1/orders/:id), never the raw URL, so the label set stays bounded.
    const route = request.routeOptions.url ?? 'unmatched'
    requests.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000)
  }
  app.addHook('onResponse', async (request, reply) => observe(request, reply))
  // Router errors (bad percent-encoding, over-long parameters) are answered before any hook: frameworkErrors reports them here.
  app.decorate('observeRequest', observe)

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const presented = digest(request.headers.authorization ?? '')
    if (!timingSafeEqual(presented, expected)) {
      throw new HttpProblem(401, 'unauthenticated', 'GET /metrics needs the METRICS_TOKEN bearer token', {
        headers: { 'www-authenticate': 'Bearer realm="talent-orders-metrics"' }
      })
    }
    reply.header('content-type', register.contentType)
    return register.metrics()
  })
  app.addHook('onClose', async () => register.clear())
}, { name: 'metrics', dependencies: ['config', 'database'] })
