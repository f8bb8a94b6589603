// The ranking factors: weights, their formulas as SQL (one definition for both directions), and their explanations.
import { sql, type SQL } from 'drizzle-orm'
import type { Engine } from '../../../db/executor.ts'

export type Factor = 'skill_fit' | 'capacity' | 'completion_rate' | 'hire_rate' | 'promise_kept' | 'deadline' | 'order_size'

/**
 * Weights of each direction; each set sums to 1, so the score stays in [0, 1]. Colleges for an order weigh their
 * track record (completion and hire rates); orders for a college weigh whether the ordering enterprise keeps its
 * promises to hire.
 */
export const COLLEGE_WEIGHTS = { skill_fit: 0.5, capacity: 0.25, completion_rate: 0.125, hire_rate: 0.125 } as const satisfies Partial<Record<Factor, number>>
export const ORDER_WEIGHTS = { skill_fit: 0.4, capacity: 0.2, promise_kept: 0.15, deadline: 0.15, order_size: 0.1 } as const satisfies Partial<Record<Factor, number>>

/** Unknown annual capacity scores this (neither helps nor hurts much). */
export const UNKNOWN_CAPACITY_SCORE = 0.5
/**
 * Beta prior of the track-record rates: an organization without a record scores the mean; `strength` trainees (or
 * promised hires) of evidence move it halfway to its own rate.
 */
export const RECORD_PRIOR = { mean: 0.5, strength: 10 } as const
/** A bid deadline this many days away or more scores 1; it falls linearly to 0 at the deadline. */
export const DEADLINE_HORIZON_DAYS = 14
/** An order of this headcount scores 0.5 on size; size / (size + this) saturates towards 1. */
export const SIZE_HALF_POINT = 30

const real = (value: SQL | number) => typeof value === 'number' ? sql.raw(value.toFixed(9)) : value

// The formulas below are SQL expressions over the raw facts, in portable arithmetic and CASE (no dialect functions).
// A parameter passed in needs a type PostgreSQL can infer (`cast(? as integer)`): `? is null` alone has none.

/** matched / required distinct skill keys; 0 when the order has no keys. */
export const skillFitSql = (matched: SQL, required: SQL) =>
  sql`(case when ${required} > 0 then ${matched} * 1.0 / ${required} else 0.0 end)`

/** Seats free in the window (capacity − committed) over the seats wanted, clamped to [0, 1]; unknown capacity is neutral. */
export const capacitySql = (capacity: SQL, committed: SQL, headcount: SQL) => sql`(case
  when ${capacity} is null then ${real(UNKNOWN_CAPACITY_SCORE)}
  when ${capacity} - ${committed} >= ${headcount} then 1.0
  when ${capacity} - ${committed} <= 0 then 0.0
  else (${capacity} - ${committed}) * 1.0 / ${headcount} end)`

const smoothed = (successes: SQL, trials: SQL) =>
  sql`((${successes} + ${real(RECORD_PRIOR.mean * RECORD_PRIOR.strength)}) / (${trials} + ${real(RECORD_PRIOR.strength)}))`

/** The smoothed completion rate of the college's completed cohorts: completed / enrolled. */
export const completionRateSql = (enrolled: SQL, completed: SQL) => smoothed(completed, enrolled)

/** The smoothed hire rate of the college's completed cohorts: hired / completed. */
export const hireRateSql = (completed: SQL, hired: SQL) => smoothed(hired, completed)

/** The enterprise's smoothed promise-kept rate: hired / promised, hires past the promise not counted (a score stays ≤ 1). */
export const promiseKeptSql = (promised: SQL, hired: SQL) =>
  smoothed(sql`(case when ${hired} > ${promised} then ${promised} else ${hired} end)`, promised)

/** Days left to bid over the horizon, clamped to [0, 1]; both instants as Julian days. */
export const deadlineSql = (deadlineDay: SQL, nowDay: number) => sql`(case
  when ${deadlineDay} >= ${real(nowDay + DEADLINE_HORIZON_DAYS)} then 1.0
  when ${deadlineDay} <= ${real(nowDay)} then 0.0
  else (${deadlineDay} - ${real(nowDay)}) / ${real(DEADLINE_HORIZON_DAYS)} end)`

/** An instant as a Julian day number (days since noon UTC, 24 November 4714 BC), as SQL's julianday() gives it. */
export const julianDay = (at: Date) => at.getTime() / 86_400_000 + 2_440_587.5

/** headcount / (headcount + half point). */
export const orderSizeSql = (headcount: SQL) => sql`(${headcount} * 1.0 / (${headcount} + ${real(SIZE_HALF_POINT)}))`

/**
 * The weighted sum, rounded as it is shown, so the ranking and the displayed scores agree.
 * PostgreSQL rounds to a number of places only a numeric (the deadline factor is double precision).
 */
export function weightedSql<F extends Factor> (engine: Engine, weights: Record<F, number>, scores: Record<F, SQL>): SQL {
  const sum = sql.join((Object.keys(weights) as F[]).map((f) => sql`${real(weights[f])} * ${scores[f]}`), sql` + `)
  return engine === 'sqlite' ? sql`round(${sum}, 4)` : sql`round(cast(${sum} as numeric), 4)`
}

export const round4 = (value: number) => Math.round(value * 10_000) / 10_000

// Explanations: human-readable details from the same facts.

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function skillFitDetail (matched: string[], required: number): string {
  if (required === 0) return 'the order lists no skills'
  const head = `${matched.length} of ${plural(required, 'required skill')}`
  return matched.length === 0 ? head : `${head} (${matched.join(', ')})`
}

export function capacityDetail (capacity: number | null, committed: number, headcount: number): string {
  if (capacity === null) return `capacity unknown (neutral ${UNKNOWN_CAPACITY_SCORE}), ${committed} seats committed in the window`
  const free = Math.max(0, capacity - committed)
  return `capacity ${capacity}/yr, ${committed} seats committed in the window, ${free} free for ${headcount} wanted`
}

export type RecordFacts = { cohorts: number, enrolled: number, completed: number, hired: number }

const percent = (numerator: number, denominator: number) => `${Math.round(numerator * 100 / denominator)} %`

export function completionRateDetail (r: RecordFacts): string {
  if (r.cohorts === 0 || r.enrolled === 0) return `no completed cohorts with trainees yet (prior ${RECORD_PRIOR.mean})`
  return `completion rate ${percent(r.completed, r.enrolled)}: ${r.completed} of ${r.enrolled} trainees completed in ${plural(r.cohorts, 'completed cohort')} (smoothed towards ${RECORD_PRIOR.mean})`
}

export function hireRateDetail (r: RecordFacts): string {
  if (r.completed === 0) return `no trainees completed yet (prior ${RECORD_PRIOR.mean})`
  return `hire rate ${percent(r.hired, r.completed)}: ${r.hired} of ${r.completed} trainees who completed were hired (smoothed towards ${RECORD_PRIOR.mean})`
}

export type PromiseFacts = { orders: number, promised: number, hired: number }

export function promiseKeptDetail (enterprise: string, p: PromiseFacts): string {
  if (p.promised === 0) {
    const why = p.orders === 0 ? 'no ended awarded orders yet' : `no hires promised on ${plural(p.orders, 'ended awarded order')}`
    return `${enterprise}: ${why} (prior ${RECORD_PRIOR.mean})`
  }
  return `${enterprise}: promise kept ${percent(p.hired, p.promised)}, hired ${p.hired} of ${p.promised} promised on ${plural(p.orders, 'ended awarded order')} (smoothed towards ${RECORD_PRIOR.mean})`
}

export function deadlineDetail (bidDeadline: string, now: Date): string {
  const hours = Math.max(0, (Date.parse(bidDeadline) - now.getTime()) / 3_600_000)
  const left = hours >= 48 ? plural(Math.floor(hours / 24), 'day') : plural(Math.floor(hours), 'hour')
  return `bid deadline ${bidDeadline}: ${left} left (full score from ${DEADLINE_HORIZON_DAYS} days)`
}

export const orderSizeDetail = (headcount: number) => `${plural(headcount, 'trainee')} wanted`
