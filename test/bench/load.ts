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

async function drive (url: string, scenario: Scenario, connections: number, durationS: number): Promise<autocannon.Result> {
  const supply = scenario.supply?.()
  if (supply !== undefined && supply <= 0) throw new Error(`${scenario.name}: nothing left to send`)
  let stopper: NodeJS.Timeout | undefined
  try {
    return await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({
        url,
        connections: supply === undefined ? connections : Math.min(connections, supply),
        duration: durationS,
        ...(supply === undefined ? {} : { amount: supply }),
        timeout: 30,
        requests: [{ setupRequest: () => toRequest(scenario.next()) }]
      }, (error, result) => error ? reject(error) : resolve(result))
      // Every load loop is bounded in time, also when it runs on a supply of requests.
      stopper = setTimeout(() => instance.stop(), durationS * 1000 + 1000)
    })
  } finally {
    clearTimeout(stopper)
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

export async function measure (server: ServerProcess, scenario: Scenario, options: LoadOptions): Promise<Figures> {
  const connections = scenario.connections ?? options.connections
  if (options.warmupS > 0) await drive(server.url, scenario, connections, options.warmupS)
  const rss = sampleRss(server)
  const result = await drive(server.url, scenario, connections, options.durationS)
  const rssPeakMb = rss.stop()
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]))
  const responses = Object.values(statusCodes).reduce((sum, n) => sum + n, 0)
  const figures: Figures = {
    name: scenario.name,
    target: scenario.target,
    description: scenario.description,
    connections,
    seconds: result.duration,
    requests: responses,
    rps: result.duration > 0 ? responses / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    rssPeakMb,
    failures: []
  }
  if (figures.non2xx > 0 || figures.errors > 0) figures.failures = await replayFailures(server, scenario, 3)
  return figures
}
