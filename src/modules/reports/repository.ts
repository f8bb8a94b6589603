// Report aggregates in SQL: orders published in a range, and roster counters of their cohorts, grouped small.
import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.ts'

/** Which orders a report counts (besides the publication range). */
export type OrderScope =
  | { kind: 'alliance', allianceId: string }
  | { kind: 'enterprise', organizationId: string }
  | { kind: 'college', organizationId: string }

/** Half-open instant range [fromInstant, toInstant) on orders.published_at. */
export type InstantRange = { fromInstant: string, toInstant: string }

export type OrderGroupRow = {
  enterpriseId: string, enterpriseName: string, occupation: string,
  posted: number, awarded: number, cancelled: number, ordered: number, promised: number
}

export type CohortGroupRow = {
  collegeId: string, collegeName: string, enterpriseId: string, occupation: string,
  seats: number, enrolled: number, completed: number, dropped: number, hired: number
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

/** Orders published in the range, grouped by enterprise and occupation (a covering index scan; names joined after grouping). */
export function orderGroups (tx: DbOrTx, scope: OrderScope, range: InstantRange): OrderGroupRow[] {
  return tx.all<OrderGroupRow>(sql`
    select g.enterprise_id as "enterpriseId", e.name as "enterpriseName", g.occupation as "occupation",
      g.posted as "posted", g.awarded as "awarded", g.cancelled as "cancelled", g.ordered as "ordered", g.promised as "promised"
    from (
      select o.organization_id as enterprise_id, o.occupation as occupation, count(*) as posted,
        sum(case when o.status = 'awarded' then 1 else 0 end) as awarded,
        sum(case when o.status = 'cancelled' then 1 else 0 end) as cancelled,
        sum(o.headcount) as ordered,
        sum(case when o.status = 'awarded' then coalesce(o.hiring_positions, 0) else 0 end) as promised
      from orders o
      where ${orderCondition(scope, range)}
      group by o.organization_id, o.occupation
    ) g join organizations e on e.id = g.enterprise_id`)
}

/** Roster counters of every cohort on those orders, grouped by college, enterprise and occupation. */
export function cohortGroups (tx: DbOrTx, scope: OrderScope, range: InstantRange): CohortGroupRow[] {
  return tx.all<CohortGroupRow>(sql`
    select g.college_id as "collegeId", col.name as "collegeName", g.enterprise_id as "enterpriseId", g.occupation as "occupation",
      g.seats as "seats", g.enrolled as "enrolled", g.completed as "completed", g.dropped as "dropped", g.hired as "hired"
    from (
      select c.college_id as college_id, c.enterprise_id as enterprise_id, coalesce(c.occupation, '') as occupation,
        sum(c.seats) as seats, sum(c.enrolled_count) as enrolled, sum(c.completed_count) as completed,
        sum(c.dropped_count) as dropped, sum(c.hired_count) as hired
      from cohorts c
      where ${cohortCondition(scope, range)}
      group by c.college_id, c.enterprise_id, c.occupation
    ) g join organizations col on col.id = g.college_id`)
}
