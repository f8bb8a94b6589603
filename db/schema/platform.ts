// Platform tables shared by every process: rate-limit counters and idempotency records.
import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core'

export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: integer('reset_at').notNull()
}, (t) => [
  index('rate_limits_reset_idx').on(t.resetAt)
])

export const idempotencyKeys = sqliteTable('idempotency_keys', {
  userId: text('user_id').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  statusCode: integer('status_code').notNull(),
  responseBody: text('response_body').notNull(),
  createdAt: text('created_at').notNull()
}, (t) => [
  primaryKey({ columns: [t.userId, t.key] }),
  index('idempotency_keys_created_idx').on(t.createdAt)
])
