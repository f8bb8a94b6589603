// PostgreSQL tables for delivery: cohorts created by approved matches, with roster counters, and their trainees.
import { pgTable, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core'
import { cohortStatuses, traineeStatuses } from '../../schema/delivery.ts'
import { id, instant, calendarDate, createdAt } from './columns.ts'
import { alliances, organizations } from './identity.ts'
import { orders, matches } from './market.ts'

export const cohorts = pgTable('cohorts', {
  id: id(),
  orderId: text('order_id').notNull().references(() => orders.id),
  matchId: text('match_id').notNull().references(() => matches.id),
  allianceId: text('alliance_id').notNull().references(() => alliances.id),
  collegeId: text('college_id').notNull().references(() => organizations.id),
  enterpriseId: text('enterprise_id').notNull().references(() => organizations.id),
  seats: integer('seats').notNull(),
  startDate: calendarDate('start_date').notNull(),
  durationWeeks: integer('duration_weeks').notNull(),
  status: text('status', { enum: cohortStatuses }).notNull(),
  cancelReason: text('cancel_reason'),
  startedAt: instant('started_at'),
  completedAt: instant('completed_at'),
  cancelledAt: instant('cancelled_at'),
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

export const trainees = pgTable('trainees', {
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
