// Precomputed matching facts: skill keys of colleges and orders, seats committed in live cohorts, track-record aggregates.
import { sqliteTable, text, integer, real, index, primaryKey } from 'drizzle-orm/sqlite-core'
import { organizations } from './identity.ts'

/** One row per canonical skill key of a college's specialties; rewritten when the specialties or the vocabulary change. */
export const collegeSkills = sqliteTable('college_skills', {
  collegeId: text('college_id').notNull().references(() => organizations.id),
  skill: text('skill').notNull()
}, (t) => [
  primaryKey({ columns: [t.collegeId, t.skill] }),
  index('college_skills_skill_idx').on(t.skill, t.collegeId)
])

/**
 * Seats committed by planned and in-training cohorts, with their end date (start + weeks).
 * Kept by the cohort writers in their transaction (db/figures/college-figures.ts).
 */
export const collegeCommitments = sqliteTable('college_commitments', {
  cohortId: text('cohort_id').primaryKey(),
  collegeId: text('college_id').notNull(),
  seats: integer('seats').notNull(),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull()
}, (t) => [
  index('college_commitments_college_idx').on(t.collegeId, t.startDate),
  index('college_commitments_window_idx').on(t.startDate, t.endDate)
])

/**
 * Outcome totals of each college's completed cohorts (from the cohorts' roster counters).
 * Kept by increments from the cohort writers when a cohort completes or its counters move afterwards (db/figures/college-figures.ts).
 */
export const collegeRecords = sqliteTable('college_records', {
  collegeId: text('college_id').primaryKey(),
  cohortsCompleted: integer('cohorts_completed').notNull(),
  traineesEnrolled: integer('trainees_enrolled').notNull(),
  traineesCompleted: integer('trainees_completed').notNull(),
  traineesHired: integer('trainees_hired').notNull()
})

/**
 * Promise-keeping totals of each enterprise over its awarded orders whose cohorts have all ended: the orders, the hires
 * they promised and the hires their cohorts made. Kept by increments in the transactions that end an order's last cohort,
 * award an order whose cohorts have ended, hire from an ended cohort or reopen an order (db/figures/enterprise-figures.ts).
 */
export const enterpriseRecords = sqliteTable('enterprise_records', {
  enterpriseId: text('enterprise_id').primaryKey(),
  ordersAwarded: integer('orders_awarded').notNull(),
  promised: integer('promised').notNull(),
  hired: integer('hired').notNull()
})

/** The orders counted in enterprise_records (so a later hire, or a reopening, knows whether to move the totals). */
export const enterpriseRecordOrders = sqliteTable('enterprise_record_orders', {
  orderId: text('order_id').primaryKey(),
  enterpriseId: text('enterprise_id').notNull()
})

/**
 * A compact copy of what the college feed scores for every order, read through one covering index:
 * `keys` holds the order's skill keys between U+001F separators, `skillBits` their vocabulary bits, `deadlineDay` the
 * bid deadline as a Julian day. Built by db/figures/order-match-facts.ts, upserted by the code that writes the order or its skill keys.
 */
export const orderMatchFacts = sqliteTable('order_match_facts', {
  orderId: text('order_id').primaryKey(),
  allianceId: text('alliance_id').notNull(),
  /** The ordering enterprise: the feed joins its record (promise_kept). */
  enterpriseId: text('enterprise_id').notNull(),
  status: text('status').notNull(),
  bidDeadline: text('bid_deadline').notNull(),
  deadlineDay: real('deadline_day').notNull(),
  headcount: integer('headcount').notNull(),
  trainingStart: text('training_start').notNull(),
  trainingEnd: text('training_end').notNull(),
  keyCount: integer('key_count').notNull(),
  keys: text('keys').notNull(),
  /** OR of the bits of the order's keys that have one (skills.bit): one integer test per college skill. */
  skillBits: integer('skill_bits').notNull().default(0)
}, (t) => [
  // skill_bits right after the range columns: the shared-skill filter reads the least of each entry.
  index('order_match_facts_feed_idx').on(t.status, t.allianceId, t.bidDeadline, t.skillBits, t.deadlineDay, t.headcount, t.trainingStart, t.trainingEnd, t.keyCount, t.keys, t.enterpriseId, t.orderId)
])
