// Why a saturated server's new connections wait: a plain node:http server whose handler blocks, driven like the bench, prints when it accepted each connection.
// npx tsx test/bench/accept-turns.ts [--block MS] [--connections C] [--duration S]
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'

const { values } = parseArgs({ options: { serve: { type: 'boolean', default: false }, block: { type: 'string', default: '5' }, connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '4' } } })
const blockMs = Number(values.block)

if (values.serve) {
  // The server: each request holds the event loop for `blockMs`, as a synchronous SQLite statement does.
  const accepted: number[] = []
  const server = createServer((_request, response) => {
    const until = performance.now() + blockMs
    while (performance.now() < until) { /* the loop is busy */ }
    response.end('ok')
  })
  server.on('connection', () => accepted.push(performance.now()))
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    process.send?.(typeof address === 'object' && address ? address.port : 0)
  })
  process.on('message', () => {
    process.send?.(accepted.map((at) => Math.round(at - accepted[0]!)))
    process.exit(0)
  })
} else {
  const child = fork(process.argv[1]!, ['--serve', '--block', String(blockMs)], { execArgv: process.execArgv })
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)))
  const firsts: number[] = []
  const rest: number[] = []
  const seen = new WeakSet<object>()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `http://127.0.0.1:${port}/`, connections: Number(values.connections), duration: Number(values.duration) },
      (error, done) => error ? reject(error) : resolve(done))
    instance.on('response', (client: object, _status: number, _bytes: number, ms: number) => {
      if (seen.has(client)) rest.push(ms)
      else { seen.add(client); firsts.push(ms) }
    })
  })
  child.send('report')
  const accepted = await new Promise<number[]>((resolve) => child.once('message', (m) => resolve(m as number[])))
  const p = (sorted: number[], q: number) => sorted.length === 0 ? Number.NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!)
  firsts.sort((a, b) => a - b)
  rest.sort((a, b) => a - b)
  process.stdout.write([
    `node ${process.version}, libuv ${process.versions.uv}; handler blocks ${blockMs} ms; ${values.connections} connections for ${values.duration} s`,
    `accepted ${accepted.length} connections at (ms after the first): ${accepted.join(' ')}`,
    `first response of each connection: p50 ${p(firsts, 0.5)} ms, max ${p(firsts, 1)} ms (${firsts.length} connections answered)`,
    `every other response: p50 ${p(rest, 0.5)} ms, p99 ${p(rest, 0.99)} ms; autocannon over all: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    ''
  ].join('\n'))
}
