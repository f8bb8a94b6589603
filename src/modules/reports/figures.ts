// Pure report assembly: totals, rates and breakdowns from grouped order and cohort rows.
import type { ReportFigures } from '../../../schemas/reports.ts'
import type { CohortGroupRow, OrderGroupRow } from './repository.ts'

/** A ratio, or null when there is nothing to divide by. */
export const rate = (numerator: number, denominator: number): number | null => denominator === 0 ? null : numerator / denominator

type Range = { from: string, to: string, generatedAt: string }

// Larger first, then by name in code point order (stable across machines, unlike locale collation).
const byDesc = <T>(key: (x: T) => number, name: (x: T) => string) => (a: T, b: T) =>
  key(b) - key(a) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0)

/**
 * Builds the report figures. With `focusCollegeId` (a college's own report) seat, college and
 * occupation hire figures count that college's cohorts only, while enterprise hires stay whole-order
 * figures: whether an enterprise keeps its promise is about all the trainees it took on those orders.
 */
export function buildFigures (range: Range, orderRows: OrderGroupRow[], cohortRows: CohortGroupRow[], focusCollegeId?: string): ReportFigures {
  const own = focusCollegeId === undefined ? cohortRows : cohortRows.filter((r) => r.collegeId === focusCollegeId)
  const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + Number(pick(r)), 0)

  const seats = {
    ordered: sum(orderRows, (r) => r.ordered),
    approved: sum(own, (r) => r.seats),
    enrolled: sum(own, (r) => r.enrolled),
    completed: sum(own, (r) => r.completed),
    dropped: sum(own, (r) => r.dropped),
    hired: sum(own, (r) => r.hired)
  }

  const colleges = new Map<string, { id: string, name: string, seats: number, enrolled: number, completed: number, hired: number }>()
  for (const r of own) {
    const c = colleges.get(r.collegeId) ?? { id: r.collegeId, name: r.collegeName, seats: 0, enrolled: 0, completed: 0, hired: 0 }
    c.seats += Number(r.seats); c.enrolled += Number(r.enrolled); c.completed += Number(r.completed); c.hired += Number(r.hired)
    colleges.set(r.collegeId, c)
  }

  const occupations = new Map<string, { occupation: string, seats: number, hired: number }>()
  for (const r of orderRows) {
    const o = occupations.get(r.occupation) ?? { occupation: r.occupation, seats: 0, hired: 0 }
    o.seats += Number(r.ordered)
    occupations.set(r.occupation, o)
  }
  for (const r of own) {
    const o = occupations.get(r.occupation)
    if (o) o.hired += Number(r.hired)
  }

  const enterprises = new Map<string, { id: string, name: string, promised: number, hired: number }>()
  for (const r of orderRows) {
    const e = enterprises.get(r.enterpriseId) ?? { id: r.enterpriseId, name: r.enterpriseName, promised: 0, hired: 0 }
    e.promised += Number(r.promised)
    enterprises.set(r.enterpriseId, e)
  }
  for (const r of cohortRows) {
    const e = enterprises.get(r.enterpriseId)
    if (e) e.hired += Number(r.hired)
  }

  return {
    ...range,
    orders: { posted: sum(orderRows, (r) => r.posted), awarded: sum(orderRows, (r) => r.awarded), cancelled: sum(orderRows, (r) => r.cancelled) },
    seats,
    completionRate: rate(seats.completed, seats.enrolled),
    hireRate: rate(seats.hired, seats.completed),
    colleges: [...colleges.values()].sort(byDesc((c) => c.seats, (c) => c.name + c.id)),
    occupations: [...occupations.values()].sort(byDesc((o) => o.seats, (o) => o.occupation)),
    enterprises: [...enterprises.values()]
      .map((e) => ({ ...e, promiseKeptRate: rate(e.hired, e.promised) }))
      .sort(byDesc((e) => e.promised, (e) => e.name + e.id))
  }
}
