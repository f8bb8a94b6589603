// `npm run db:migrate`: applies the committed migrations to DATABASE_PATH (and rebuilds a stale search index) without starting the server.
import { loadConfig, ConfigError } from '../src/config.ts'
import { openDatabase, runMigrations } from '../db/client.ts'
import { rebuildSearchIndex } from '../src/modules/orders/search-index.ts'

try {
  const config = loadConfig()
  const { db, sqlite } = openDatabase(config.DATABASE_PATH, { busyTimeoutMs: config.BUSY_TIMEOUT_MS })
  runMigrations(db)
  rebuildSearchIndex(db)
  const applied = (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
  sqlite.close()
  process.stdout.write(`talent-orders: ${config.DATABASE_PATH} is at migration ${applied}\n`)
} catch (error) {
  process.stderr.write(`talent-orders: ${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`)
  process.exit(1)
}
