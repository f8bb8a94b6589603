// npm run bench -- [--engine sqlite|postgres] [--processes P] [--pool N] [--orders N[,M]] [--json FILE] [--duration S] [--warmup S] [--connections C] [--scenarios a,b] [--baseline FILE] [--keep] [--reuse] [--profile DIR]
// Generates the market (PostgreSQL: db:copy of it), starts the reference and the real server(s) (production mode) as child processes, drives each scenario.
import { randomBytes } from 'node:crypto'
import { cpus, freemem, loadavg, release, totalmem, tmpdir } from 'node:os'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fromRoot } from '../../src/lib/project-root.ts'
import { generateMarket, manifestPath, type Manifest } from './generate.ts'
import { compareWithReference, prepareActors, loginCount } from './actors.ts'
import { measure, type Figures } from './load.ts'
import { scenarios } from './scenarios.ts'
import { serverGroup, startServer, type ServerProcess } from './server-process.ts'
import { benchDatabase, stopBenchCluster, type BenchEngine } from './engine.ts'
import { checkTargets, formatChecks, formatRun, type SizeRun } from './report.ts'

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    processes: { type: 'string', default: '1' },
    pool: { type: 'string', default: '10' },
    orders: { type: 'string', default: '100000' },
    json: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    scenarios: { type: 'string' },
    baseline: { type: 'string' },
    dir: { type: 'string', default: tmpdir() },
    keep: { type: 'boolean', default: false },
    /** Serve the file an earlier `--keep` run left in --dir instead of generating it (it holds that run's writes too). */
    reuse: { type: 'boolean', default: false },
    profile: { type: 'string' }
  }
})
const sizes = values.orders.split(',').map((s) => Number(s.trim().replaceAll('_', '')))
if (sizes.some((n) => !Number.isInteger(n) || n < 1000)) throw new Error('--orders takes integers of at least 1000, comma-separated')
const engine = values.engine as BenchEngine
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine takes sqlite or postgres')
const processes = Number(values.processes)
if (!Number.isInteger(processes) || processes < 1 || processes > 8) throw new Error('--processes takes 1 to 8')
const poolSize = Number(values.pool)
const load = { durationS: Number(values.duration), warmupS: Number(values.warmup), connections: Number(values.connections) }
const only = values.scenarios?.split(',').map((s) => s.trim())
const log = (line: string) => process.stderr.write(`${line}\n`)

const machine = {
  cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), freeMemoryGb: Math.round(freemem() / 2 ** 30),
  kernel: release(), node: process.version, loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2)))
}
log(`machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGb} GB, node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`)

async function benchSize (orders: number): Promise<SizeRun> {
  const path = join(values.dir, `talent-orders-bench-${orders}.db`)
  const reused = values.reuse && existsSync(manifestPath(path))
  log(`\n== ${orders.toLocaleString('en')} orders: ${reused ? 'reusing' : 'generating'} ${path}`)
  const manifest = reused ? JSON.parse(readFileSync(manifestPath(path), 'utf8')) as Manifest : await generateMarket({ path, orders })
  log(`generated in ${manifest.seconds.toFixed(1)} s, ${(manifest.fileBytes / 1e6).toFixed(0)} MB: ${JSON.stringify(manifest.rows)}`)
  const secret = randomBytes(48).toString('base64url')
  const servers: ServerProcess[] = []
  // The reference reads the engine's database too: on PostgreSQL the same driver and pool size as each app process.
  const database = await benchDatabase(engine, path, orders, { poolSize, log, reuse: values.reuse, keep: values.keep })
  try {
    const profileArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []
    const reference = await startServer('reference', fromRoot('test', 'bench', 'reference-server.ts'), { DATABASE_PATH: path, JWT_SECRET: secret, ...database.env }, profileArgs)
    servers.push(reference)
    const members: ServerProcess[] = []
    // One after the other: the first applies any migration, the others find nothing to do.
    for (let i = 1; i <= processes; i++) {
      const member = await startServer(processes === 1 ? 'app' : `app ${i}`, fromRoot('src', 'server.ts'), {
        NODE_ENV: 'production', JWT_SECRET: secret, ...database.env, WRITE_RATE_LIMIT: '0', LOG_LEVEL: 'warn', ACCESS_TOKEN_TTL: '7200'
      }, [...profileArgs, ...(process.env['BENCH_APP_NODE_ARGS']?.split(' ').filter(Boolean) ?? [])])
      members.push(member)
      servers.push(member)
    }
    const app = serverGroup('app', members)
    log(`app: ${processes} process${processes === 1 ? '' : 'es'} on ${engine}${engine === 'postgres' ? ` (DATABASE_POOL_SIZE ${poolSize} each)` : ''}: ${app.urls.join(', ')}`)
    if (values.profile) log(`CPU profiles in ${values.profile}: reference pid ${reference.pid}, app pids ${members.map((m) => m.pid).join(', ')}`)
    let logged = 0
    log(`logging in ${loginCount()} users (scrypt N=2^17 each, one at a time)`)
    const actors = await prepareActors(manifest, app.url, reference.url, () => { logged++ })
    log(`${logged} logins, ${actors.bidPairs.length} fresh bid pairs; app RSS ${app.memory().rssMb.toFixed(0)} MB after logins`)
    const differences = await compareWithReference(manifest, actors, app.url, reference.url)
    for (const d of differences) log(`!!! ${d}`)
    if (differences.length === 0) log('the reference serves the same list pages and order bodies as the app')
    const figures: Figures[] = []
    for (const scenario of scenarios(manifest, actors)) {
      const base = scenario.name.replace(/^ref-/, '')
      if (only && !only.includes(base) && !only.includes(scenario.name)) continue
      const server = scenario.target === 'app' ? app : reference
      log(`-- ${scenario.name}: ${scenario.description}`)
      const f = await measure(server, scenario, load)
      const m = server.memory()
      log(`   ${f.rps.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, non-2xx ${f.non2xx}, errors ${f.errors}, RSS peak ${f.rssPeakMb.toFixed(0)} MB (now ${m.rssMb.toFixed(0)}: anon ${m.anonMb.toFixed(0)}, file ${m.fileMb.toFixed(0)})`)
      figures.push(f)
    }
    const warnings = app.output().trim()
    if (warnings) log(`app server said:\n${warnings.slice(-2000)}`)
    return {
      engine, processes, ...(database.databaseMb === undefined ? {} : { databaseMb: database.databaseMb, copySeconds: database.copySeconds ?? 0 }),
      orders, generateSeconds: manifest.seconds, fileMb: manifest.fileBytes / 1e6, rows: manifest.rows, figures,
      appPeakMb: app.memory().peakMb, referencePeakMb: reference.memory().peakMb
    }
  } finally {
    for (const server of servers.reverse()) await server.stop()
    await database.drop()
    if (!values.keep) for (const file of [path, `${path}-wal`, `${path}-shm`, manifestPath(path)]) rmSync(file, { force: true })
  }
}

const started = Date.now()
const runs: SizeRun[] = []
try {
  for (const orders of sizes) runs.push(await benchSize(orders))
} finally {
  await stopBenchCluster()
}
const baseline = values.baseline ? (JSON.parse(readFileSync(values.baseline, 'utf8')) as { runs: SizeRun[] }).runs : []
const checks = checkTargets([...baseline, ...runs].sort((a, b) => a.orders - b.orders))
const out = process.stdout
out.write(`\nTalent Orders bench — ${engine}, ${processes} API process${processes === 1 ? '' : 'es'} — ${machine.cpus} x ${machine.cpuModel}, node ${machine.node}; ${load.durationS} s a scenario after ${load.warmupS} s warm-up, -c ${load.connections} (recommend, feed, report, report-year: one at a time)\n`)
for (const run of runs) out.write(`\n${formatRun(run)}\n`)
out.write(`\nTargets\n${formatChecks(checks)}\n\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
if (values.json) {
  writeFileSync(values.json, JSON.stringify({ machine, settings: { ...load, sizes, engine, processes, ...(engine === 'postgres' ? { poolSize } : {}) }, runs, checks, seconds: (Date.now() - started) / 1000, finishedAt: new Date().toISOString() }, null, 2))
  log(`figures written to ${values.json}`)
}
