// PostgreSQL platform tables shared by every process: rate-limit counters and idempotency records.
import { pgTable, text, integer, bigint, primaryKey, index } from 'drizzle-orm/pg-core'
import { instant } from './columns.ts'

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  /** Epoch milliseconds: past 2^31, so bigint (read as a number: safe until the year 287396). */
  resetAt: bigint('reset_at', { mode: 'number' }).notNull()
}, (t) => [
  index('rate_limits_reset_idx').on(t.resetAt)
])

export const idempotencyKeys = pgTable('idempotency_keys', {
  userId: text('user_id').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  statusCode: integer('status_code').notNull(),
  responseBody: text('response_body').notNull(),
  createdAt: instant('created_at').notNull()
}, (t) => [
  primaryKey({ columns: [t.userId, t.key] }),
  index('idempotency_keys_created_idx').on(t.createdAt)
])
