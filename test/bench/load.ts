// Drives one scenario with autocannon (warm-up, then a measured run bounded in time) and collects its figures.
import autocannon from 'autocannon'
import type { Call, Scenario } from './scenarios.ts'
import { sampleRss, type ServerProcess } from './server-process.ts'

export type Figures = {
  name: string
  target: Scenario['target']
  description: string
  connections: number
  seconds: number
  requests: number
  rps: number
  p50: number
  p99: number
  max: number
  /**
   * The same percentiles without each connection's first response. A run opens its connections at once
   * against a server that the first few already saturate; libuv (1.45 and later) accepts one connection
   * per event-loop turn, so the k-th connection's first request waits about k turns (libuv#3696;
   * test/bench/accept-turns.ts; docs/performance.md). Undefined for one-at-a-time scenarios.
   */
  warm?: { requests: number, p50: number, p99: number, max: number } | undefined
  non2xx: number
  errors: number
  timeouts: number
  statusCodes: Record<string, number>
  /** Highest VmRSS of the server seen while this scenario ran (MB). */
  rssPeakMb: number
  /** A few non-2xx answers replayed after the run, to say what went wrong. */
  failures: string[]
}

export type LoadOptions = { durationS: number, warmupS: number, connections: number }

function toRequest (call: Call): autocannon.Request {
  const headers: Record<string, string> = { authorization: `Bearer ${call.token}` }
  if (call.body === undefined) return { method: call.method, path: call.path, headers }
  headers['content-type'] = 'application/json'
  return { method: call.method, path: call.path, headers, body: JSON.stringify(call.body) }
}

type Drive = { connections: number, durationS: number, amount?: number, timeoutS: number }

/** The `q` quantile of ascending `sorted` (nearest rank). */
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!

/** Response times (ms) of every response but each connection's first. */
type WarmTimes = number[]

async function drive (urls: string[], scenario: Scenario, plan: Drive, warm?: WarmTimes): Promise<autocannon.Result> {
  let stopper: NodeJS.Timeout | undefined
  try {
    return await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({
        // Several URLs (API processes behind the load generator): autocannon spreads the connections over them in turn.
        url: (urls.length === 1 ? urls[0]! : urls) as string,
        connections: plan.connections,
        duration: plan.durationS,
        ...(plan.amount === undefined ? {} : { amount: plan.amount }),
        timeout: plan.timeoutS,
        requests: [{ setupRequest: () => toRequest(scenario.next()) }]
      }, (error, result) => error ? reject(error) : resolve(result))
      const answered = new WeakSet<object>()
      instance.on('response', (client: object, _status: number, _bytes: number, responseTime: number) => {
        if (answered.has(client)) warm?.push(responseTime)
        else answered.add(client)
      })
      // Every load loop is bounded in time, also when it runs on an amount of requests.
      stopper = setTimeout(() => instance.stop(), (plan.amount === undefined ? plan.durationS : plan.durationS + plan.timeoutS) * 1000 + 1000)
    })
  } finally {
    clearTimeout(stopper)
  }
}

/** The warm-up and measured runs of a scenario: -c N for a duration, a bounded supply, or one at a time. */
async function plans (server: ServerProcess, scenario: Scenario, options: LoadOptions): Promise<{ warmup?: Drive, measured: Drive }> {
  if (scenario.serviceTime) {
    // Warm-up: up to three timed requests (within the warm-up time); the last sizes the measured run
    // (at least 5 requests, about the duration).
    let seconds = 0
    const warmUntil = performance.now() + options.warmupS * 1000
    for (let i = 0; i < 3 && (i === 0 || performance.now() < warmUntil); i++) {
      const request = toRequest(scenario.next())
      const started = performance.now()
      await fetch(server.url + request.path!, { headers: request.headers as Record<string, string> })
      seconds = Math.max(0.001, (performance.now() - started) / 1000)
    }
    const amount = Math.max(5, Math.min(100_000, Math.floor(options.durationS / seconds)))
    const timeoutS = Math.max(30, Math.ceil(seconds * 4))
    return { measured: { connections: 1, amount, durationS: Math.max(options.durationS, Math.ceil(amount * seconds * 1.5)), timeoutS } }
  }
  const supply = scenario.supply?.()
  if (supply !== undefined) {
    if (supply <= 0) throw new Error(`${scenario.name}: nothing left to send`)
    const warm = Math.min(Math.floor(supply / 10), options.warmupS * 2000)
    return {
      ...(options.warmupS > 0 && warm > 0 ? { warmup: { connections: Math.min(options.connections, warm), durationS: options.warmupS, amount: warm, timeoutS: 30 } } : {}),
      measured: { connections: options.connections, durationS: options.durationS, amount: supply - warm, timeoutS: 30 }
    }
  }
  return {
    ...(options.warmupS > 0 ? { warmup: { connections: options.connections, durationS: options.warmupS, timeoutS: 30 } } : {}),
    measured: { connections: options.connections, durationS: options.durationS, timeoutS: 30 }
  }
}

async function replayFailures (server: ServerProcess, scenario: Scenario, count: number): Promise<string[]> {
  const failures: string[] = []
  for (let i = 0; i < count * 4 && failures.length < count; i++) {
    if (scenario.supply && scenario.supply() <= 0) break
    const request = toRequest(scenario.next())
    const response = await fetch(server.url + request.path!, { method: request.method!, headers: request.headers as Record<string, string>, ...(request.body ? { body: request.body as string } : {}) })
    const text = await response.text()
    if (response.status >= 300) failures.push(`${request.method} ${request.path} -> ${response.status} ${text.slice(0, 300)}`)
  }
  return failures
}

/** Waits (at most a minute) until every process answers /health within 100 ms: requests left over from a run are done. */
export async function drain (server: ServerProcess): Promise<void> {
  const giveUpAt = Date.now() + 60_000
  for (const url of server.urls) {
    while (Date.now() < giveUpAt) {
      const started = performance.now()
      await fetch(`${url}/health`).then((r) => r.text()).catch(() => '')
      if (performance.now() - started < 100) break
    }
  }
}

export async function measure (server: ServerProcess, scenario: Scenario, options: LoadOptions): Promise<Figures> {
  await drain(server)
  const plan = await plans(server, scenario, options)
  if (plan.warmup) await drive(server.urls, scenario, plan.warmup)
  const rss = sampleRss(server)
  const started = performance.now()
  const warmTimes: WarmTimes = []
  const result = await drive(server.urls, scenario, plan.measured, warmTimes)
  warmTimes.sort((a, b) => a - b)
  const wallSeconds = (performance.now() - started) / 1000
  const rssPeakMb = rss.stop()
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]))
  const responses = Object.values(statusCodes).reduce((sum, n) => sum + n, 0)
  const figures: Figures = {
    name: scenario.name,
    target: scenario.target,
    description: scenario.description,
    connections: plan.measured.connections,
    seconds: wallSeconds,
    requests: responses,
    rps: wallSeconds > 0 ? responses / wallSeconds : 0,
    // No response at all within the run is a failure, never a latency of 0.
    p50: responses > 0 ? result.latency.p50 : Number.NaN,
    p99: responses > 0 ? result.latency.p99 : Number.NaN,
    max: responses > 0 ? result.latency.max : Number.NaN,
    warm: plan.measured.connections > 1 && warmTimes.length > 0
      ? { requests: warmTimes.length, p50: quantile(warmTimes, 0.5), p99: quantile(warmTimes, 0.99), max: warmTimes.at(-1)! }
      : undefined,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    rssPeakMb,
    failures: []
  }
  if (responses === 0) figures.failures.push(`no response completed within the run (timeout ${plan.measured.timeoutS} s)`)
  if (figures.non2xx > 0 || figures.errors > 0) figures.failures.push(...await replayFailures(server, scenario, 3))
  return figures
}
