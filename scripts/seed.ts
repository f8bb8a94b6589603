// `npm run seed`: migrates the configured database and seeds what a start would (reference data, ADMIN_EMAIL, demo data), then exits.
import { loadConfig, ConfigError } from '../src/config.ts'
import { buildApp } from '../src/app.ts'

/** Where the data lives, without credentials: the PostgreSQL host and database, or the SQLite file. */
const databaseName = (config: { DATABASE_PATH: string, DATABASE_URL?: string | undefined }) => {
  if (!config.DATABASE_URL) return config.DATABASE_PATH
  const url = new URL(config.DATABASE_URL)
  return `postgresql://${url.host}${url.pathname}`
}

try {
  const config = loadConfig()
  // Building the app opens the data layer (openDataLayer: migrations) and runs the seed plugin exactly as `npm start` does; nothing listens.
  const app = await buildApp({ config: { ...config, DEADLINE_SWEEP_INTERVAL: 0 } })
  try {
    const count = async (table: string) => Number((await app.data.get<{ n: number }>(`select count(*) as n from ${table}`))?.n ?? 0)
    const counts = `${await count('alliances')} alliances, ${await count('organizations')} organizations, ${await count('users')} users`
    process.stdout.write(`talent-orders: ${databaseName(config)} (${app.data.engine}): ${counts}\n`)
  } finally {
    await app.close()
  }
} catch (error) {
  process.stderr.write(`talent-orders: ${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`)
  process.exit(1)
}
