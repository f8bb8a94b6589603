// Tables for delivery: cohorts created by approved matches and their trainee rosters.
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core'
import { id, instant, createdAt } from './columns.ts'
import { alliances, organizations } from './identity.ts'
import { orders, matches } from './market.ts'

export const cohortStatuses = ['planned', 'in_training', 'completed', 'cancelled'] as const
export type CohortStatus = typeof cohortStatuses[number]

export const cohorts = sqliteTable('cohorts', {
  id: id(),
  orderId: text('order_id').notNull().references(() => orders.id),
  matchId: text('match_id').notNull().references(() => matches.id),
  allianceId: text('alliance_id').notNull().references(() => alliances.id),
  collegeId: text('college_id').notNull().references(() => organizations.id),
  enterpriseId: text('enterprise_id').notNull().references(() => organizations.id),
  seats: integer('seats').notNull(),
  startDate: text('start_date').notNull(),
  durationWeeks: integer('duration_weeks').notNull(),
  status: text('status', { enum: cohortStatuses }).notNull(),
  cancelReason: text('cancel_reason'),
  startedAt: instant('started_at'),
  completedAt: instant('completed_at'),
  cancelledAt: instant('cancelled_at'),
  // Roster counters, kept in the transactions that change trainees, so reports never scan rosters.
  // enrolledCount counts every trainee ever enrolled; completedCount includes the hired ones.
  // Copied from the order when the cohort is created (both are fixed once an order is published),
  // so an alliance report reads one covering index of cohorts instead of joining every order.
  orderPublishedAt: instant('order_published_at'),
  occupation: text('occupation'),
  enrolledCount: integer('enrolled_count').notNull().default(0),
  completedCount: integer('completed_count').notNull().default(0),
  droppedCount: integer('dropped_count').notNull().default(0),
  hiredCount: integer('hired_count').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull()
}, (t) => [
  uniqueIndex('cohorts_match_uq').on(t.matchId),
  index('cohorts_order_idx').on(t.orderId),
  index('cohorts_college_idx').on(t.collegeId, t.id),
  index('cohorts_enterprise_idx').on(t.enterpriseId, t.id),
  index('cohorts_alliance_idx').on(t.allianceId, t.id),
  index('cohorts_status_idx').on(t.status, t.id),
  index('cohorts_report_idx').on(t.allianceId, t.orderPublishedAt, t.collegeId, t.enterpriseId, t.occupation, t.seats,
    t.enrolledCount, t.completedCount, t.droppedCount, t.hiredCount)
])

export const traineeStatuses = ['enrolled', 'completed', 'dropped', 'hired'] as const
export type TraineeStatus = typeof traineeStatuses[number]

export const trainees = sqliteTable('trainees', {
  id: id(),
  cohortId: text('cohort_id').notNull().references(() => cohorts.id),
  name: text('name').notNull(),
  studentNo: text('student_no').notNull(),
  status: text('status', { enum: traineeStatuses }).notNull(),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull(),
  completedAt: instant('completed_at'),
  droppedAt: instant('dropped_at'),
  hiredAt: instant('hired_at')
}, (t) => [
  uniqueIndex('trainees_cohort_student_uq').on(t.cohortId, t.studentNo),
  index('trainees_cohort_status_idx').on(t.cohortId, t.status)
])
