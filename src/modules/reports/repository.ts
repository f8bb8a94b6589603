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

/** Orders published in the range, grouped by enterprise and occupation. */
export function orderGroups (tx: DbOrTx, scope: OrderScope, range: InstantRange): OrderGroupRow[] {
  return tx.all<OrderGroupRow>(sql`
    select o.organization_id as "enterpriseId", e.name as "enterpriseName", o.occupation as "occupation",
      count(*) as "posted",
      sum(case when o.status = 'awarded' then 1 else 0 end) as "awarded",
      sum(case when o.status = 'cancelled' then 1 else 0 end) as "cancelled",
      sum(o.headcount) as "ordered",
      sum(case when o.status = 'awarded' then coalesce(o.hiring_positions, 0) else 0 end) as "promised"
    from orders o join organizations e on e.id = o.organization_id
    where ${orderCondition(scope, range)}
    group by o.organization_id, e.name, o.occupation`)
}

/** Roster counters of every cohort on those orders, grouped by college, enterprise and occupation. */
export function cohortGroups (tx: DbOrTx, scope: OrderScope, range: InstantRange): CohortGroupRow[] {
  return tx.all<CohortGroupRow>(sql`
    select c.college_id as "collegeId", col.name as "collegeName", o.organization_id as "enterpriseId", o.occupation as "occupation",
      sum(c.seats) as "seats", sum(c.enrolled_count) as "enrolled", sum(c.completed_count) as "completed",
      sum(c.dropped_count) as "dropped", sum(c.hired_count) as "hired"
    from orders o join cohorts c on c.order_id = o.id join organizations col on col.id = c.college_id
    where ${orderCondition(scope, range)}
    group by c.college_id, col.name, o.organization_id, o.occupation`)
}
