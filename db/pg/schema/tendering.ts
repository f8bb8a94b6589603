// PostgreSQL tables for fair tendering: colleges' questions on an order (answered once by its owner) and complaints about an approved match.
import { pgTable, text, index } from 'drizzle-orm/pg-core'
import { id, instant } from './columns.ts'
import { alliances, organizations, users } from './identity.ts'
import { orders, matches } from './market.ts'
import { complaintStatuses } from '../../schema/tendering.ts'

export const questions = pgTable('questions', {
  id: id(),
  orderId: text('order_id').notNull().references(() => orders.id),
  /** The asking college: shown to coordinators and admins only. */
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  askedBy: text('asked_by').notNull().references(() => users.id),
  text: text('text').notNull(),
  askedAt: instant('asked_at').notNull(),
  answer: text('answer'),
  answeredBy: text('answered_by').references(() => users.id),
  answeredAt: instant('answered_at')
}, (t) => [
  index('questions_order_idx').on(t.orderId, t.id)
])

export const complaints = pgTable('complaints', {
  id: id(),
  matchId: text('match_id').notNull().references(() => matches.id),
  orderId: text('order_id').notNull().references(() => orders.id),
  allianceId: text('alliance_id').notNull().references(() => alliances.id),
  /** The complaining college: shown to coordinators and admins only. */
  complainantId: text('complainant_id').notNull().references(() => organizations.id),
  filedBy: text('filed_by').notNull().references(() => users.id),
  status: text('status', { enum: complaintStatuses }).notNull(),
  reason: text('reason').notNull(),
  filedAt: instant('filed_at').notNull(),
  decision: text('decision'),
  decidedBy: text('decided_by').references(() => users.id),
  decidedAt: instant('decided_at')
}, (t) => [
  index('complaints_match_idx').on(t.matchId, t.status),
  index('complaints_order_idx').on(t.orderId, t.id),
  index('complaints_alliance_idx').on(t.allianceId, t.status, t.id),
  index('complaints_complainant_idx').on(t.complainantId, t.id)
])
