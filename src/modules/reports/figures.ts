// Pure report assembly: totals, rates and breakdowns from the SQL-grouped breakdown rows.
import type { ReportFigures } from '../../../schemas/reports.ts'
import type { ReportGroups } from './repository.ts'

import { rate } from '../../lib/ratio.ts'

export { rate }

type Range = { from: string, to: string, generatedAt: string }

// Larger first, then by name in code point order (stable across machines, unlike locale collation).
const byDesc = <T>(key: (x: T) => number, name: (x: T) => string) => (a: T, b: T) =>
  key(b) - key(a) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0)

/**
 * Builds the report figures from SQL-grouped breakdowns. For a college's own report (`focusCollegeId`
 * given to `reportGroups`) seat, college and occupation hire figures count that college's cohorts only,
 * while enterprise hires stay whole-order figures: whether an enterprise keeps its promise is about all
 * the trainees it took on those orders.
 */
export function buildFigures (range: Range, groups: ReportGroups): ReportFigures {
  const { enterpriseOrders, occupationOrders, collegeCohorts, enterpriseHires, occupationHires } = groups
  const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + Number(pick(r)), 0)

  const seats = {
    ordered: sum(enterpriseOrders, (r) => r.ordered),
    approved: sum(collegeCohorts, (r) => r.seats),
    enrolled: sum(collegeCohorts, (r) => r.enrolled),
    completed: sum(collegeCohorts, (r) => r.completed),
    dropped: sum(collegeCohorts, (r) => r.dropped),
    hired: sum(collegeCohorts, (r) => r.hired)
  }

  const colleges = collegeCohorts.map((r) => ({
    id: r.collegeId, name: r.collegeName, seats: Number(r.seats), enrolled: Number(r.enrolled), completed: Number(r.completed), hired: Number(r.hired)
  }))

  // Hires count only under occupations and enterprises that have orders in the range.
  const occupations = new Map<string, { occupation: string, seats: number, hired: number }>()
  for (const r of occupationOrders) {
    const o = occupations.get(r.occupation) ?? { occupation: r.occupation, seats: 0, hired: 0 }
    o.seats += Number(r.ordered)
    occupations.set(r.occupation, o)
  }
  for (const r of occupationHires) {
    const o = occupations.get(r.occupation)
    if (o) o.hired += Number(r.hired)
  }

  const enterprises = new Map<string, { id: string, name: string, promised: number, hired: number }>()
  for (const r of enterpriseOrders) enterprises.set(r.enterpriseId, { id: r.enterpriseId, name: r.enterpriseName, promised: Number(r.promised), hired: 0 })
  for (const r of enterpriseHires) {
    const e = enterprises.get(r.enterpriseId)
    if (e) e.hired += Number(r.hired)
  }

  return {
    ...range,
    orders: { posted: sum(enterpriseOrders, (r) => r.posted), awarded: sum(enterpriseOrders, (r) => r.awarded), cancelled: sum(enterpriseOrders, (r) => r.cancelled) },
    seats,
    completionRate: rate(seats.completed, seats.enrolled),
    hireRate: rate(seats.hired, seats.completed),
    colleges: colleges.sort(byDesc((c) => c.seats, (c) => c.name + c.id)),
    occupations: [...occupations.values()].sort(byDesc((o) => o.seats, (o) => o.occupation)),
    enterprises: [...enterprises.values()]
      .map((e) => ({ ...e, promiseKeptRate: rate(e.hired, e.promised) }))
      .sort(byDesc((e) => e.promised, (e) => e.name + e.id))
  }
}
