// Opens the data layer the configuration names: PostgreSQL when DATABASE_URL is set, else the SQLite file.
import type { DataLayer } from './executor.ts'
import { openSqliteDataLayer } from './sqlite/data-layer.ts'
import { openPostgresDataLayer } from './pg/data-layer.ts'

export type DatabaseConfig = {
  DATABASE_PATH: string
  DATABASE_URL?: string | undefined
  DATABASE_POOL_SIZE: number
  BUSY_TIMEOUT_MS: number
}

export async function openDataLayer (config: DatabaseConfig, onPoolError?: (error: Error) => void): Promise<DataLayer> {
  if (config.DATABASE_URL) {
    return openPostgresDataLayer({
      url: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      timeoutMs: config.BUSY_TIMEOUT_MS,
      ...(onPoolError ? { onPoolError } : {})
    })
  }
  return openSqliteDataLayer(config.DATABASE_PATH, { busyTimeoutMs: config.BUSY_TIMEOUT_MS })
}
