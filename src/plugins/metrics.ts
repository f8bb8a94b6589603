// Prometheus metrics (prom-client) at GET /metrics behind the METRICS_TOKEN bearer: requests, database time, hashing, event loop.
import { createHash, timingSafeEqual } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import fp from 'fastify-plugin'
import { Registry, Histogram, Gauge, collectDefaultMetrics } from 'prom-client'
import { HttpProblem } from '../lib/problems.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { HashSchedulerStats } from '../lib/hash-scheduler.ts'
import type { DataLayer, Executor, SqlParams } from '../../db/executor.ts'

// The one line that knows the password hashing's API (plugins/passwords.ts is registered later; read at scrape time).
const hashingStats = (app: FastifyInstance): HashSchedulerStats => app.passwords.scheduler.stats()

const digest = (text: string) => createHash('sha256').update(text).digest()

type Observe = (operation: string, seconds: number) => void

async function timed<T> (operation: string, observe: Observe, call: () => Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await call()
  } finally {
    observe(operation, (performance.now() - started) / 1000)
  }
}

/** The executor with its SQL-text statements timed by method (its query builder is not: drizzle runs it on the connection). */
function timedExecutor (ex: Executor, observe: Observe): Executor {
  return {
    engine: ex.engine,
    orm: ex.orm,
    all: <Row>(text: string, params?: SqlParams) => timed('all', observe, () => ex.all<Row>(text, params)),
    get: <Row>(text: string, params?: SqlParams) => timed('get', observe, () => ex.get<Row>(text, params)),
    run: (text: string, params?: SqlParams) => timed('run', observe, () => ex.run(text, params))
  }
}

/**
 * Times the data layer on either engine, from now on: statements outside transactions and inside them
 * (by method), and whole write and snapshot transactions (from their first statement, not their wait for a turn).
 * The methods are replaced on the object itself, so every module that holds `app.data` is timed.
 */
function timeDataLayer (data: DataLayer, observe: Observe): void {
  const outside: Executor = { engine: data.engine, orm: data.orm, all: data.all.bind(data), get: data.get.bind(data), run: data.run.bind(data) }
  const timedOutside = timedExecutor(outside, observe)
  const write = data.write.bind(data)
  const snapshot = data.snapshot.bind(data)
  data.all = timedOutside.all
  data.get = timedOutside.get
  data.run = timedOutside.run
  data.write = (fn, options) => write((tx) => timed('write', observe, () => fn(timedExecutor(tx, observe))), options)
  data.snapshot = (fn) => snapshot((ex) => timed('snapshot', observe, () => fn(timedExecutor(ex, observe))))
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
    help: 'Time database calls take: SQL statements by method (all, get, run) and whole transactions (write, snapshot)',
    labelNames: ['operation'],
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5],
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
  timeDataLayer(app.data, (operation, seconds) => statements.observe({ operation }, seconds))

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
