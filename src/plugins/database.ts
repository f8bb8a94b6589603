// Database plugin: opens SQLite, applies migrations, seeds reference data, closes on shutdown.
import fp from 'fastify-plugin'
import { openDatabase, runMigrations, type Database } from '../../db/client.ts'
import type BetterSqlite3 from 'better-sqlite3'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
    sqlite: BetterSqlite3.Database
  }
}

export default fp(async (app) => {
  const { db, sqlite } = openDatabase(app.config.DATABASE_PATH, { busyTimeoutMs: app.config.BUSY_TIMEOUT_MS })
  runMigrations(db)
  app.decorate('db', db)
  app.decorate('sqlite', sqlite)
  app.addHook('onClose', async () => {
    if (sqlite.open) {
      if (!sqlite.memory) sqlite.pragma('wal_checkpoint(TRUNCATE)')
      sqlite.close()
    }
  })
}, { name: 'database', dependencies: ['config'] })
