// Database plugin: opens SQLite, applies migrations, brings the search index to the code's term rules, closes on shutdown.
import fp from 'fastify-plugin'
import { openDatabase, runMigrations, type Database } from '../../db/client.ts'
import type BetterSqlite3 from 'better-sqlite3'
import { rebuildSearchIndex } from '../modules/orders/search-index.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
    sqlite: BetterSqlite3.Database
  }
}

export default fp(async (app) => {
  const { db, sqlite } = openDatabase(app.config.DATABASE_PATH, { busyTimeoutMs: app.config.BUSY_TIMEOUT_MS })
  runMigrations(db)
  const reindexed = rebuildSearchIndex(db)
  if (reindexed !== undefined && reindexed > 0) app.log.info({ orders: reindexed }, 'search index rebuilt for the current term rules')
  app.decorate('db', db)
  app.decorate('sqlite', sqlite)
  app.addHook('onClose', async () => {
    if (sqlite.open) {
      if (!sqlite.memory) sqlite.pragma('wal_checkpoint(TRUNCATE)')
      sqlite.close()
    }
  })
}, { name: 'database', dependencies: ['config'] })
