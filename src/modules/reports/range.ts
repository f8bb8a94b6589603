// The date range of a report: UTC calendar dates, both ends included, defaulting to the current year.
import { ruleViolation } from '../../lib/problems.ts'
import type { InstantRange } from './repository.ts'

export type DateRange = { from: string, to: string } & InstantRange

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString()

/** Resolves `from`/`to` (YYYY-MM-DD, optional) against the clock; 422 when `from` is after `to`. */
export function resolveRange (query: { from?: string | undefined, to?: string | undefined }, now: Date): DateRange {
  const year = now.getUTCFullYear()
  const from = query.from ?? `${year}-01-01`
  const to = query.to ?? `${year}-12-31`
  if (from > to) throw ruleViolation('from is after to', 'rule_violation', [{ path: '/querystring/from', message: 'must not be after to' }])
  return { from, to, fromInstant: `${from}T00:00:00.000Z`, toInstant: nextDay(to) }
}
