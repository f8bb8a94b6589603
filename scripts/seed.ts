// `npm run seed`: migrates DATABASE_PATH and seeds what a start would (reference data, ADMIN_EMAIL, demo data), then exits.
import { loadConfig, ConfigError } from '../src/config.ts'
import { buildApp } from '../src/app.ts'

try {
  const config = loadConfig()
  // Building the app runs the database and seed plugins exactly as `npm start` does; nothing listens.
  const app = await buildApp({ config: { ...config, DEADLINE_SWEEP_INTERVAL: 0 } })
  const count = (table: string) => (app.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
  process.stdout.write(`talent-orders: ${config.DATABASE_PATH}: ${count('alliances')} alliances, ${count('organizations')} organizations, ${count('users')} users\n`)
  await app.close()
} catch (error) {
  process.stderr.write(`talent-orders: ${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`)
  process.exit(1)
}
