// Report aggregates in SQL, one query per breakdown (by enterprise, by occupation, by college), each a covering index range scan.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { sqlRows } from '../../../db/sql-query.ts'

/** Which orders a report counts (besides the publication range). */
export type OrderScope =
  | { kind: 'alliance', allianceId: string }
  | { kind: 'enterprise', organizationId: string }
  | { kind: 'college', organizationId: string }

/** Half-open instant range [fromInstant, toInstant) on orders.published_at. */
export type InstantRange = { fromInstant: string, toInstant: string }

export type EnterpriseOrderRow = {
  enterpriseId: string, enterpriseName: string,
  posted: number, awarded: number, cancelled: number, ordered: number, promised: number
}
export type OccupationOrderRow = { occupation: string, ordered: number }
export type CollegeCohortRow = {
  collegeId: string, collegeName: string, seats: number, enrolled: number, completed: number, dropped: number, hired: number
}
export type EnterpriseHireRow = { enterpriseId: string, hired: number }
export type OccupationHireRow = { occupation: string, hired: number }

/** Every breakdown a report is built from, each already grouped by SQL (rows per college, enterprise or occupation). */
export type ReportGroups = {
  enterpriseOrders: EnterpriseOrderRow[]
  occupationOrders: OccupationOrderRow[]
  collegeCohorts: CollegeCohortRow[]
  enterpriseHires: EnterpriseHireRow[]
  occupationHires: OccupationHireRow[]
}

function orderCondition (scope: OrderScope, range: InstantRange): SQL {
  const inRange = sql`o.published_at >= ${range.fromInstant} and o.published_at < ${range.toInstant}`
  switch (scope.kind) {
    case 'alliance': return sql`o.alliance_id = ${scope.allianceId} and ${inRange}`
    case 'enterprise': return sql`o.organization_id = ${scope.organizationId} and ${inRange}`
    case 'college': return sql`o.id in (select sc.order_id from cohorts sc where sc.college_id = ${scope.organizationId}) and ${inRange}`
  }
}

// The same orders, seen from their cohorts (which carry the order's publication time and occupation).
function cohortCondition (scope: OrderScope, range: InstantRange): SQL {
  const inRange = sql`c.order_published_at >= ${range.fromInstant} and c.order_published_at < ${range.toInstant}`
  switch (scope.kind) {
    case 'alliance': return sql`c.alliance_id = ${scope.allianceId} and ${inRange}`
    case 'enterprise': return sql`c.enterprise_id = ${scope.organizationId} and ${inRange}`
    case 'college': return sql`c.order_id in (select sc.order_id from cohorts sc where sc.college_id = ${scope.organizationId}) and ${inRange}`
  }
}

/** Orders published in the range, grouped by enterprise (names joined after grouping). */
function enterpriseOrders (tx: Executor, scope: OrderScope, range: InstantRange): Promise<EnterpriseOrderRow[]> {
  return sqlRows<EnterpriseOrderRow>(tx, sql`
    select g.enterprise_id as "enterpriseId", e.name as "enterpriseName",
      g.posted as "posted", g.awarded as "awarded", g.cancelled as "cancelled", g.ordered as "ordered", g.promised as "promised"
    from (
      select o.organization_id as enterprise_id, count(*) as posted,
        sum(case when o.status = 'awarded' then 1 else 0 end) as awarded,
        sum(case when o.status = 'cancelled' then 1 else 0 end) as cancelled,
        sum(o.headcount) as ordered,
        sum(case when o.status = 'awarded' then coalesce(o.hiring_positions, 0) else 0 end) as promised
      from orders o
      where ${orderCondition(scope, range)}
      group by o.organization_id
    ) g join organizations e on e.id = g.enterprise_id`)
}

/** Seats ordered in the range, grouped by occupation. */
function occupationOrders (tx: Executor, scope: OrderScope, range: InstantRange): Promise<OccupationOrderRow[]> {
  return sqlRows<OccupationOrderRow>(tx, sql`
    select o.occupation as "occupation", sum(o.headcount) as "ordered"
    from orders o
    where ${orderCondition(scope, range)}
    group by o.occupation`)
}

/** Roster counters of the cohorts on those orders (only `focusCollegeId`'s when given), grouped by college. */
function collegeCohorts (tx: Executor, scope: OrderScope, range: InstantRange, focusCollegeId?: string): Promise<CollegeCohortRow[]> {
  const focus = focusCollegeId === undefined ? sql`` : sql` and c.college_id = ${focusCollegeId}`
  return sqlRows<CollegeCohortRow>(tx, sql`
    select g.college_id as "collegeId", col.name as "collegeName",
      g.seats as "seats", g.enrolled as "enrolled", g.completed as "completed", g.dropped as "dropped", g.hired as "hired"
    from (
      select c.college_id as college_id,
        sum(c.seats) as seats, sum(c.enrolled_count) as enrolled, sum(c.completed_count) as completed,
        sum(c.dropped_count) as dropped, sum(c.hired_count) as hired
      from cohorts c
      where ${cohortCondition(scope, range)}${focus}
      group by c.college_id
    ) g join organizations col on col.id = g.college_id`)
}

/** Hires of every cohort on those orders (whole-order figures, whatever the focus), grouped by enterprise. */
function enterpriseHires (tx: Executor, scope: OrderScope, range: InstantRange): Promise<EnterpriseHireRow[]> {
  return sqlRows<EnterpriseHireRow>(tx, sql`
    select c.enterprise_id as "enterpriseId", sum(c.hired_count) as "hired"
    from cohorts c
    where ${cohortCondition(scope, range)}
    group by c.enterprise_id`)
}

/** Hires of the cohorts on those orders (only `focusCollegeId`'s when given), grouped by occupation. */
function occupationHires (tx: Executor, scope: OrderScope, range: InstantRange, focusCollegeId?: string): Promise<OccupationHireRow[]> {
  const focus = focusCollegeId === undefined ? sql`` : sql` and c.college_id = ${focusCollegeId}`
  return sqlRows<OccupationHireRow>(tx, sql`
    select coalesce(c.occupation, '') as "occupation", sum(c.hired_count) as "hired"
    from cohorts c
    where ${cohortCondition(scope, range)}${focus}
    group by coalesce(c.occupation, '')`)
}

/** All breakdowns of a report, one query after another; call inside `data.snapshot` so they come from the same snapshot. */
export async function reportGroups (tx: Executor, scope: OrderScope, range: InstantRange, focusCollegeId?: string): Promise<ReportGroups> {
  return {
    enterpriseOrders: await enterpriseOrders(tx, scope, range),
    occupationOrders: await occupationOrders(tx, scope, range),
    collegeCohorts: await collegeCohorts(tx, scope, range, focusCollegeId),
    enterpriseHires: await enterpriseHires(tx, scope, range),
    occupationHires: await occupationHires(tx, scope, range, focusCollegeId)
  }
}
