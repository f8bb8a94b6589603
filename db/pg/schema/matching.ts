// PostgreSQL matching facts: college skill keys, committed seats, track records, and the feed's copy of each order.
import { sql } from 'drizzle-orm'
import { pgTable, text, integer, bigint, doublePrecision, index, primaryKey } from 'drizzle-orm/pg-core'
import { instant, calendarDate } from './columns.ts'
import { organizations } from './identity.ts'

export const collegeSkills = pgTable('college_skills', {
  collegeId: text('college_id').notNull().references(() => organizations.id),
  skill: text('skill').notNull()
}, (t) => [
  primaryKey({ columns: [t.collegeId, t.skill] }),
  index('college_skills_skill_idx').on(t.skill, t.collegeId)
])

/** Seats committed by planned and in-training cohorts, with their end date (start + weeks). See docs/postgres.md. */
export const collegeCommitments = pgTable('college_commitments', {
  cohortId: text('cohort_id').primaryKey(),
  collegeId: text('college_id').notNull(),
  seats: integer('seats').notNull(),
  startDate: calendarDate('start_date').notNull(),
  endDate: calendarDate('end_date').notNull()
}, (t) => [
  index('college_commitments_college_idx').on(t.collegeId, t.startDate),
  index('college_commitments_window_idx').on(t.startDate, t.endDate)
])

/** Outcome totals of each college's completed cohorts. See docs/postgres.md. */
export const collegeRecords = pgTable('college_records', {
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
export const enterpriseRecords = pgTable('enterprise_records', {
  enterpriseId: text('enterprise_id').primaryKey(),
  ordersAwarded: integer('orders_awarded').notNull(),
  promised: integer('promised').notNull(),
  hired: integer('hired').notNull()
})

/** The orders counted in enterprise_records (so a later hire, or a reopening, knows whether to move the totals). */
export const enterpriseRecordOrders = pgTable('enterprise_record_orders', {
  orderId: text('order_id').primaryKey(),
  enterpriseId: text('enterprise_id').notNull()
})

/**
 * What the college feed scores for every order. `skillBits` is bigint read as a JS bigint (bits up to 2^62
 * are past Number's exact range); `deadlineDay` stays a Julian day so both engines score the same.
 */
export const orderMatchFacts = pgTable('order_match_facts', {
  orderId: text('order_id').primaryKey(),
  allianceId: text('alliance_id').notNull(),
  /** The ordering enterprise: the feed joins its record (promise_kept). */
  enterpriseId: text('enterprise_id').notNull(),
  status: text('status').notNull(),
  bidDeadline: instant('bid_deadline').notNull(),
  deadlineDay: doublePrecision('deadline_day').notNull(),
  headcount: integer('headcount').notNull(),
  trainingStart: calendarDate('training_start').notNull(),
  trainingEnd: calendarDate('training_end').notNull(),
  keyCount: integer('key_count').notNull(),
  keys: text('keys').notNull(),
  skillBits: bigint('skill_bits', { mode: 'bigint' }).notNull().default(sql`0`)
}, (t) => [
  index('order_match_facts_feed_idx').on(t.status, t.allianceId, t.bidDeadline, t.skillBits, t.deadlineDay, t.headcount, t.trainingStart, t.trainingEnd, t.keyCount, t.keys, t.enterpriseId, t.orderId)
])
