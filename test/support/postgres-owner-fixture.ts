// Test fixture: starts a throw-away cluster, prints {dataDir} as JSON, then waits to be killed.
import { startThrowawayPostgres } from './postgres-cluster.ts'

const cluster = await startThrowawayPostgres()
process.stdout.write(JSON.stringify({ dataDir: cluster.dataDir, port: cluster.port }) + '\n')
setInterval(() => {}, 1 << 30)
