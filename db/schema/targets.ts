// Alliance yearly targets: one row per alliance and calendar year, each figure null when not set.
import { sqliteTable, text, integer, real, primaryKey } from 'drizzle-orm/sqlite-core'
import { instant } from './columns.ts'
import { alliances, users } from './identity.ts'

export const allianceTargets = sqliteTable('alliance_targets', {
  allianceId: text('alliance_id').notNull().references(() => alliances.id),
  year: integer('year').notNull(),
  ordersAwarded: integer('orders_awarded'),
  seatsCompleted: integer('seats_completed'),
  hires: integer('hires'),
  promiseKeptRate: real('promise_kept_rate'),
  updatedBy: text('updated_by').notNull().references(() => users.id),
  updatedAt: instant('updated_at').notNull()
}, (t) => [
  primaryKey({ columns: [t.allianceId, t.year] })
])
