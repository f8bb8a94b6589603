// `npm run db:migrate [-- --reindex]`: applies the committed migrations to the configured database (and rebuilds a stale search index) without starting the server.
import { loadConfig, ConfigError } from '../src/config.ts'
import { openDataLayer } from '../db/open.ts'
import { rebuildSearchIndex } from '../src/modules/orders/search-index.ts'

/** Where the data lives, without credentials: the PostgreSQL host and database, or the SQLite file. */
const databaseName = (config: { DATABASE_PATH: string, DATABASE_URL?: string | undefined }) => {
  if (!config.DATABASE_URL) return config.DATABASE_PATH
  const url = new URL(config.DATABASE_URL)
  return `postgresql://${url.host}${url.pathname}`
}

try {
  const config = loadConfig()
  // Opening the data layer applies the migrations (on PostgreSQL under an advisory lock).
  const data = await openDataLayer(config)
  try {
    const reindexed = await rebuildSearchIndex(data, { force: process.argv.includes('--reindex') })
    const table = data.engine === 'sqlite' ? '__drizzle_migrations' : 'drizzle.__drizzle_migrations'
    const applied = Number((await data.get<{ n: number }>(`select count(*) as n from ${table}`))?.n ?? 0)
    const search = reindexed === undefined ? '' : `; search index rebuilt for ${reindexed} orders`
    process.stdout.write(`talent-orders: ${databaseName(config)} (${data.engine}) is at migration ${applied}${search}\n`)
  } finally {
    await data.close()
  }
} catch (error) {
  process.stderr.write(`talent-orders: ${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`)
  process.exit(1)
}
