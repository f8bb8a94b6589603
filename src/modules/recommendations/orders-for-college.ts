// Ranks the orders a college may bid on (open, deadline ahead, in its active alliances), in one SQL query over indexed facts.
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.ts'
import { collegeCommitments, collegeRecords, collegeSkills } from '../../../db/schema/index.ts'
import { ORDER_WEIGHTS, skillFitSql, capacitySql, trackRecordSql, deadlineSql, orderSizeSql, weightedSql, julianDay, type RecordFacts } from './factors.ts'

/** Separates the keys in order_match_facts.keys (U+001F, which normalised tags never contain). */
const KEY_SEPARATOR = '\u001f'

export type CollegeFacts = {
  id: string
  annualCapacity: number | null
  allianceIds: string[]
  keys: string[]
  record: RecordFacts
  commitments: Array<{ seats: number, startDate: string, endDate: string }>
}

export type RankedOrder = {
  id: string
  matched: number
  required: number
  committed: number
  skillFit: number
  capacity: number
  trackRecord: number
  deadline: number
  orderSize: number
  score: number
}

/** The facts about one college that every order's score needs: keys, alliances, live commitments, record. */
export function collegeFacts (tx: DbOrTx, college: { id: string, annualCapacity: number | null }, allianceIds: string[]): CollegeFacts {
  const keys = tx.select({ skill: collegeSkills.skill }).from(collegeSkills).where(eq(collegeSkills.collegeId, college.id)).all().map((r) => r.skill)
  const commitments = tx.select({ seats: collegeCommitments.seats, startDate: collegeCommitments.startDate, endDate: collegeCommitments.endDate })
    .from(collegeCommitments).where(eq(collegeCommitments.collegeId, college.id)).all()
  const r = tx.select().from(collegeRecords).where(eq(collegeRecords.collegeId, college.id)).get()
  const record = { cohorts: r?.cohortsCompleted ?? 0, enrolled: r?.traineesEnrolled ?? 0, completed: r?.traineesCompleted ?? 0, hired: r?.traineesHired ?? 0 }
  return { id: college.id, annualCapacity: college.annualCapacity, allianceIds, keys, record, commitments }
}

/**
 * Seats the college has committed in each order's window. The college's live cohorts are few, so they are
 * inlined as a CASE sum evaluated per order row instead of a lookup per order.
 */
function committedInWindowSql (commitments: CollegeFacts['commitments']): SQL {
  if (commitments.length === 0) return sql`0`
  const terms = commitments.map((c) => sql`(case when f.training_start <= ${c.endDate} and f.training_end >= ${c.startDate} then ${c.seats} else 0 end)`)
  return sql`(${sql.join(terms, sql` + `)})`
}

/** Seats committed by the college in one window (for the explanation of a shown item). */
export function committedInWindow (tx: DbOrTx, collegeId: string, start: string, end: string): number {
  return tx.select({ seats: sql<number>`coalesce(sum(${collegeCommitments.seats}), 0)` }).from(collegeCommitments)
    .where(and(eq(collegeCommitments.collegeId, collegeId), lte(collegeCommitments.startDate, end), gte(collegeCommitments.endDate, start))).get()?.seats ?? 0
}

/** How many of the college's keys the order lists: one substring test per key over the order's separated keys. */
function matchedKeysSql (keys: readonly string[]): SQL {
  if (keys.length === 0) return sql`0`
  return sql`(${sql.join(keys.map((k) => sql`(instr(f.keys, ${KEY_SEPARATOR + k + KEY_SEPARATOR}) > 0)`), sql` + `)})`
}

/**
 * The best `limit` orders for the college at `now`; ties broken by order id. One pass over the covering index of
 * order_match_facts (open orders of the college's alliances whose deadline is ahead), no per-order lookups.
 */
export function rankOrdersForCollege (tx: DbOrTx, college: CollegeFacts, now: Date, limit: number): RankedOrder[] {
  if (college.allianceIds.length === 0) return []
  const alliances = sql.join(college.allianceIds.map((a) => sql`${a}`), sql`, `)
  const capacity = college.annualCapacity === null ? sql`null` : sql`${college.annualCapacity}`
  const r = college.record
  const facts = {
    skill_fit: skillFitSql(sql`matched`, sql`required`),
    capacity: capacitySql(capacity, sql`committed`, sql`headcount`),
    track_record: trackRecordSql(sql`${r.enrolled}`, sql`${r.completed}`, sql`${r.hired}`),
    deadline: deadlineSql(sql`deadline_day`, julianDay(now)),
    order_size: orderSizeSql(sql`headcount`)
  }
  return tx.all<RankedOrder>(sql`
    select order_id as id, matched, required, committed,
      ${facts.skill_fit} as skillFit, ${facts.capacity} as capacity, ${facts.track_record} as trackRecord,
      ${facts.deadline} as deadline, ${facts.order_size} as orderSize,
      ${weightedSql(ORDER_WEIGHTS, facts)} as score
    from (
      select f.order_id, f.headcount, f.deadline_day, f.key_count as required,
        ${matchedKeysSql(college.keys)} as matched, ${committedInWindowSql(college.commitments)} as committed
      from order_match_facts f
      where f.status = 'open' and f.alliance_id in (${alliances}) and f.bid_deadline > ${now.toISOString()}
    )
    order by score desc, order_id asc
    limit ${limit}`)
}
