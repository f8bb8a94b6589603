// PostgreSQL tables for the marketplace: training orders (with their search terms), skills, sealed bids and matches.
import { sql } from 'drizzle-orm'
import { pgTable, text, integer, jsonb, uniqueIndex, index } from 'drizzle-orm/pg-core'
import { orderStatuses, bidStatuses, matchStatuses, type CurriculumModule } from '../../schema/market.ts'
import { id, instant, calendarDate, createdAt } from './columns.ts'
import { alliances, organizations, users } from './identity.ts'

export const orders = pgTable('orders', {
  id: id(),
  allianceId: text('alliance_id').notNull().references(() => alliances.id),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  createdBy: text('created_by').notNull().references(() => users.id),
  status: text('status', { enum: orderStatuses }).notNull(),
  title: text('title').notNull(),
  occupation: text('occupation').notNull(),
  description: text('description').notNull().default(''),
  skills: jsonb('skills').notNull().$type<string[]>(),
  headcount: integer('headcount').notNull(),
  location: text('location').notNull(),
  trainingStart: calendarDate('training_start').notNull(),
  trainingEnd: calendarDate('training_end').notNull(),
  bidDeadline: instant('bid_deadline').notNull(),
  budgetPerTrainee: integer('budget_per_trainee'),
  hiringPositions: integer('hiring_positions'),
  monthlySalaryMin: integer('monthly_salary_min'),
  monthlySalaryMax: integer('monthly_salary_max'),
  minBids: integer('min_bids').notNull().default(1),
  questionDeadline: instant('question_deadline'),
  cancelReason: text('cancel_reason'),
  publishedAt: instant('published_at'),
  biddingClosedAt: instant('bidding_closed_at'),
  awardedAt: instant('awarded_at'),
  cancelledAt: instant('cancelled_at'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull(),
  /**
   * PostgreSQL only, in place of SQLite's FTS5 table `order_search`: the order's search terms (indexTerms of
   * src/modules/orders/search-terms.ts over title, occupation, description), written with the row.
   */
  searchTerms: text('search_terms').array().notNull().default(sql`'{}'::text[]`)
}, (t) => [
  index('orders_alliance_status_id_idx').on(t.allianceId, t.status, t.id),
  index('orders_alliance_id_idx').on(t.allianceId, t.id),
  index('orders_org_id_idx').on(t.organizationId, t.id),
  index('orders_status_deadline_idx').on(t.status, t.bidDeadline),
  index('orders_status_id_idx').on(t.status, t.id),
  index('orders_alliance_published_idx').on(t.allianceId, t.publishedAt, t.status, t.organizationId, t.occupation, t.headcount, t.hiringPositions),
  // Search: every query term must be in the order's terms (`search_terms @> $terms`), one GIN lookup per term.
  index('orders_search_terms_idx').using('gin', t.searchTerms)
])

/** Which version of the term rules (SEARCH_INDEX_VERSION) built `orders.search_terms`: one row, name 'order_search'; none means 0. */
export const searchIndexVersions = pgTable('search_index_versions', {
  name: text('name').primaryKey(),
  version: integer('version').notNull()
})

export const orderSkills = pgTable('order_skills', {
  skill: text('skill').notNull(),
  orderId: text('order_id').notNull().references(() => orders.id)
}, (t) => [
  uniqueIndex('order_skills_skill_order_uq').on(t.skill, t.orderId),
  index('order_skills_order_idx').on(t.orderId)
])

export const bids = pgTable('bids', {
  id: id(),
  orderId: text('order_id').notNull().references(() => orders.id),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  createdBy: text('created_by').notNull().references(() => users.id),
  status: text('status', { enum: bidStatuses }).notNull(),
  cohortSize: integer('cohort_size').notNull(),
  startDate: calendarDate('start_date').notNull(),
  durationWeeks: integer('duration_weeks').notNull(),
  pricePerTrainee: integer('price_per_trainee').notNull(),
  curriculum: jsonb('curriculum').notNull().$type<CurriculumModule[]>(),
  message: text('message').notNull().default(''),
  totalHours: integer('total_hours').notNull(),
  totalPrice: integer('total_price').notNull(),
  revision: integer('revision').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull(),
  withdrawnAt: instant('withdrawn_at')
}, (t) => [
  uniqueIndex('bids_live_per_college_uq').on(t.orderId, t.organizationId).where(sql`status <> 'withdrawn'`),
  index('bids_order_id_idx').on(t.orderId, t.id),
  index('bids_org_id_idx').on(t.organizationId, t.id)
])

export const matches = pgTable('matches', {
  id: id(),
  orderId: text('order_id').notNull().references(() => orders.id),
  bidId: text('bid_id').notNull().references(() => bids.id),
  collegeId: text('college_id').notNull().references(() => organizations.id),
  allianceId: text('alliance_id').notNull().references(() => alliances.id),
  seats: integer('seats').notNull(),
  status: text('status', { enum: matchStatuses }).notNull(),
  note: text('note'),
  reason: text('reason'),
  proposedBy: text('proposed_by').notNull().references(() => users.id),
  decidedBy: text('decided_by').references(() => users.id),
  decidedAt: instant('decided_at'),
  standstillUntil: instant('standstill_until'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull()
}, (t) => [
  uniqueIndex('matches_live_per_bid_uq').on(t.bidId).where(sql`status in ('proposed', 'approved')`),
  index('matches_order_idx').on(t.orderId, t.id),
  index('matches_alliance_status_idx').on(t.allianceId, t.status, t.id),
  index('matches_college_idx').on(t.collegeId, t.id)
])
