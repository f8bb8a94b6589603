// `npm run db:pg-cluster [-- -c name=value ...]`: starts a throw-away PostgreSQL, prints its DATABASE_URL, stops and deletes it on Ctrl-C.
import { startThrowawayPostgres, databaseUrl } from '../test/support/postgres-cluster.ts'

const args = process.argv.slice(2)
const settings = args.flatMap((arg, i) => args[i - 1] === '-c' ? [arg] : [])
const cluster = await startThrowawayPostgres({ settings })
const url = databaseUrl(cluster.url, 'postgres')
process.stdout.write([
  `DATABASE_URL=${url}`,
  `TEST_POSTGRES_URL=${url}`,
  `# initdb ${cluster.timings.initdbMs} ms, start ${cluster.timings.startMs} ms; data in ${cluster.dataDir}`,
  '# Ctrl-C stops the cluster and deletes its data.',
  ''
].join('\n'))

const shutdown = () => { cluster.stop().then(() => process.exit(0), () => process.exit(1)) }
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
setInterval(() => {}, 1 << 30) // keep running until a signal
