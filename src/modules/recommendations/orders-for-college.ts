// Ranks the orders a college may bid on (open, deadline ahead, in its active alliances), in one SQL query over indexed facts.
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm'
import type { Engine, Executor } from '../../../db/executor.ts'
import { sqlRows } from '../../../db/sql-query.ts'
import { collegeCommitments, collegeSkills, skills } from '../../../db/schema/index.ts'
import { ORDER_WEIGHTS, skillFitSql, capacitySql, promiseKeptSql, deadlineSql, orderSizeSql, weightedSql, julianDay } from './factors.ts'

/** Separates the keys in order_match_facts.keys (U+001F, which normalised tags never contain). */
const KEY_SEPARATOR = '\u001f'

export type CollegeFacts = {
  id: string
  annualCapacity: number | null
  allianceIds: string[]
  keys: string[]
  /** The vocabulary bit of each key that has one (see skills.bit). */
  bits: Map<string, number>
  commitments: Array<{ seats: number, startDate: string, endDate: string }>
}

export type RankedOrder = {
  id: string
  matched: number
  required: number
  committed: number
  skillFit: number
  capacity: number
  promiseKept: number
  /** The ordering enterprise's record: ended awarded orders, hires promised and made on them. */
  enterpriseOrders: number
  promised: number
  hired: number
  deadline: number
  orderSize: number
  score: number
}

/** The facts about one college that every order's score needs: keys, alliances, live commitments. */
export async function collegeFacts (tx: Executor, college: { id: string, annualCapacity: number | null }, allianceIds: string[]): Promise<CollegeFacts> {
  const keyRows = await tx.orm.select({ skill: collegeSkills.skill, bit: skills.bit }).from(collegeSkills)
    .leftJoin(skills, eq(skills.tag, collegeSkills.skill)).where(eq(collegeSkills.collegeId, college.id)).orderBy(collegeSkills.skill).all()
  const keys = keyRows.map((r) => r.skill)
  const bits = new Map(keyRows.flatMap((r) => r.bit === null ? [] : [[r.skill, r.bit] as const]))
  const commitments = await tx.orm.select({ seats: collegeCommitments.seats, startDate: collegeCommitments.startDate, endDate: collegeCommitments.endDate })
    .from(collegeCommitments).where(eq(collegeCommitments.collegeId, college.id)).all()
  return { id: college.id, annualCapacity: college.annualCapacity, allianceIds, keys, bits, commitments }
}

/**
 * Seats the college has committed in each order's window. The college's live cohorts are few, so they are
 * inlined as a CASE sum evaluated per order row instead of a lookup per order.
 */
function committedInWindowSql (commitments: CollegeFacts['commitments']): SQL {
  if (commitments.length === 0) return sql`0`
  const terms = commitments.map((c) =>
    sql`(case when f.training_start <= ${c.endDate} and f.training_end >= ${c.startDate} then cast(${c.seats} as integer) else 0 end)`)
  return sql`(${sql.join(terms, sql` + `)})`
}

/** Seats committed by the college in one window (for the explanation of a shown item). */
export async function committedInWindow (tx: Executor, collegeId: string, start: string, end: string): Promise<number> {
  const row = await tx.orm.select({ seats: sql<number>`coalesce(sum(${collegeCommitments.seats}), 0)` }).from(collegeCommitments)
    .where(and(eq(collegeCommitments.collegeId, collegeId), lte(collegeCommitments.startDate, end), gte(collegeCommitments.endDate, start))).get()
  return Number(row?.seats ?? 0)
}

/** Whether the order's separated keys hold `key` (SQLite instr, PostgreSQL strpos). */
const listsKey = (engine: Engine, key: string): SQL => engine === 'sqlite'
  ? sql`instr(f.keys, ${KEY_SEPARATOR + key + KEY_SEPARATOR}) > 0`
  : sql`strpos(f.keys, ${KEY_SEPARATOR + key + KEY_SEPARATOR}) > 0`

/** Whether the order's skill bits share one with `mask` (an integer literal: bigint on PostgreSQL). */
const sharesBits = (mask: bigint): SQL => sql`(f.skill_bits & ${sql.raw(mask.toString())}) <> 0`

/**
 * How many of the college's keys the order lists: per key one integer test on the order's skill bits, or, for a
 * key without a bit (unknown to the vocabulary, or past 63 skills), a substring test on its separated keys.
 */
function matchedKeysSql (engine: Engine, college: CollegeFacts): SQL {
  if (college.keys.length === 0) return sql`0`
  const tests = college.keys.map((k) => {
    const bit = college.bits.get(k)
    const test = bit === undefined ? listsKey(engine, k) : sharesBits(1n << BigInt(bit))
    // SQLite adds comparisons as 1 and 0; PostgreSQL's booleans need a CASE.
    return engine === 'sqlite' ? sql`(${test})` : sql`(case when ${test} then 1 else 0 end)`
  })
  return sql`(${sql.join(tests, sql` + `)})`
}

/** Whether the order shares at least one key with the college: one mask test over the bits, plus text tests. */
function sharesSkillSql (engine: Engine, college: CollegeFacts): SQL | undefined {
  const mask = [...college.bits.values()].reduce((m, bit) => m | (1n << BigInt(bit)), 0n)
  const tests = college.keys.filter((k) => !college.bits.has(k)).map((k) => listsKey(engine, k))
  if (mask !== 0n) tests.unshift(sharesBits(mask))
  return tests.length === 0 ? undefined : sql`(${sql.join(tests, sql` or `)})`
}

/** An order sharing no skill with the college scores at most the other factors' weights (skill fit 0, the rest below 1). */
const NO_SHARED_SKILL_CEILING = 1 - ORDER_WEIGHTS.skill_fit

/**
 * The best `limit` orders for the college at `now`; ties broken by order id. First only the orders sharing a skill
 * are scored; if the last of their top `limit` beats anything an order without a shared skill can score, that is the
 * answer, otherwise every eligible order is scored. Same result either way, usually far fewer rows scored.
 */
export async function rankOrdersForCollege (tx: Executor, college: CollegeFacts, now: Date, limit: number): Promise<RankedOrder[]> {
  if (college.allianceIds.length === 0) return []
  const shares = sharesSkillSql(tx.engine, college)
  if (shares !== undefined) {
    const sharing = await rankEligibleOrders(tx, college, now, limit, shares)
    const last = sharing[limit - 1]
    if (last !== undefined && last.score > NO_SHARED_SKILL_CEILING) return sharing
  }
  return rankEligibleOrders(tx, college, now, limit, sql`1 = 1`)
}

/**
 * One pass over the covering index of order_match_facts (open orders of the college's alliances, deadline ahead,
 * passing `filter`) computing only the score; the factor scores are computed with the same formulas for the rows shown.
 */
function rankEligibleOrders (tx: Executor, college: CollegeFacts, now: Date, limit: number, filter: SQL): Promise<RankedOrder[]> {
  const alliances = sql.join(college.allianceIds.map((a) => sql`${a}`), sql`, `)
  const int = (value: number) => sql`cast(${value} as integer)`
  const capacity = college.annualCapacity === null ? sql`null` : int(college.annualCapacity)
  const matched = matchedKeysSql(tx.engine, college)
  const committed = committedInWindowSql(college.commitments)
  const facts = {
    skill_fit: skillFitSql(matched, sql`f.key_count`),
    capacity: capacitySql(capacity, committed, sql`f.headcount`),
    promise_kept: promiseKeptSql(sql`coalesce(er.promised, 0)`, sql`coalesce(er.hired, 0)`),
    deadline: deadlineSql(sql`f.deadline_day`, julianDay(now)),
    order_size: orderSizeSql(sql`f.headcount`)
  }
  return sqlRows<RankedOrder>(tx, sql`
    with top as materialized (
      select f.order_id as id, ${weightedSql(tx.engine, ORDER_WEIGHTS, facts)} as score
      from order_match_facts f
      left join enterprise_records er on er.enterprise_id = f.enterprise_id
      where f.status = 'open' and f.alliance_id in (${alliances}) and f.bid_deadline > ${now.toISOString()} and ${filter}
      order by score desc, id asc
      limit ${limit}
    )
    select top.id, top.score, ${matched} as matched, f.key_count as required, ${committed} as committed,
      ${facts.skill_fit} as "skillFit", ${facts.capacity} as capacity, ${facts.promise_kept} as "promiseKept",
      coalesce(er.orders_awarded, 0) as "enterpriseOrders", coalesce(er.promised, 0) as promised, coalesce(er.hired, 0) as hired,
      ${facts.deadline} as deadline, ${facts.order_size} as "orderSize"
    from top join order_match_facts f on f.order_id = top.id
    left join enterprise_records er on er.enterprise_id = f.enterprise_id
    order by top.score desc, top.id asc`)
}
