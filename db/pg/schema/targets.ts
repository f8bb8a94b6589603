// PostgreSQL alliance yearly targets: one row per alliance and calendar year, each figure null when not set.
import { pgTable, text, integer, doublePrecision, primaryKey } from 'drizzle-orm/pg-core'
import { instant } from './columns.ts'
import { alliances, users } from './identity.ts'

export const allianceTargets = pgTable('alliance_targets', {
  allianceId: text('alliance_id').notNull().references(() => alliances.id),
  year: integer('year').notNull(),
  ordersAwarded: integer('orders_awarded'),
  seatsCompleted: integer('seats_completed'),
  hires: integer('hires'),
  promiseKeptRate: doublePrecision('promise_kept_rate'),
  updatedBy: text('updated_by').notNull().references(() => users.id),
  updatedAt: instant('updated_at').notNull()
}, (t) => [
  primaryKey({ columns: [t.allianceId, t.year] })
])
