// `tsx scripts/with-postgres.ts CMD [ARGS…]`: runs CMD with TEST_POSTGRES_URL set to one throw-away cluster, then stops it.
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { startThrowawayPostgres, SHARED_CLUSTER_ENV } from '../test/support/postgres-cluster.ts'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  process.stderr.write('usage: tsx scripts/with-postgres.ts COMMAND [ARGS…]  (e.g. tap test/db/pg-*.test.ts)\n')
  process.exit(2)
}

const cluster = await startThrowawayPostgres()
process.stderr.write(`with-postgres: cluster on 127.0.0.1:${cluster.port} (initdb ${cluster.timings.initdbMs} ms, start ${cluster.timings.startMs} ms)\n`)
const child = spawn(command, args, { stdio: 'inherit', shell: false, env: { ...process.env, [SHARED_CLUSTER_ENV]: cluster.url } })
// Ctrl-C reaches the child through the terminal; SIGTERM sent to this process only is passed on.
process.on('SIGINT', () => {})
process.on('SIGTERM', () => child.kill('SIGTERM'))
const code = await new Promise<number>((resolve) => {
  child.once('error', (error) => {
    process.stderr.write(`with-postgres: ${command}: ${error.message}\n`)
    resolve(127)
  })
  child.once('exit', (status, signal) => resolve(status ?? 128 + (signal ? constants.signals[signal] : 0)))
})
await cluster.stop()
process.exit(code)
