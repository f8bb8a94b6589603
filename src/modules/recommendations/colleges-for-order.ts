// Ranks the eligible colleges (active members of the order's alliance) for one order, in one SQL query over precomputed facts.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { sqlRows } from '../../../db/sql-query.ts'
import { COLLEGE_WEIGHTS, skillFitSql, capacitySql, completionRateSql, hireRateSql, weightedSql } from './factors.ts'

export type OrderFacts = { id: string, allianceId: string, headcount: number, trainingStart: string, trainingEnd: string }

export type RankedCollege = {
  id: string
  name: string
  annualCapacity: number | null
  matched: number
  committed: number
  cohorts: number
  enrolled: number
  completed: number
  hired: number
  skillFit: number
  capacity: number
  completionRate: number
  hireRate: number
  score: number
}

/**
 * The best `limit` colleges for the order; ties broken by college id. `keys` are the order's canonical skill keys.
 * One pass over the alliance's active members (covering indexes) joined to the precomputed facts ranks by score;
 * names and factor scores are then read for the rows shown.
 */
export function rankCollegesForOrder (tx: Executor, order: OrderFacts, keys: readonly string[], limit: number): Promise<RankedCollege[]> {
  const keyList = keys.length > 0 ? sql.join(keys.map((k) => sql`${k}`), sql`, `) : sql`null`
  const required = sql.raw(String(keys.length))
  const factsOf = (table: string) => {
    const column = (name: string) => sql.raw(`${table}.${name}`)
    return {
      skill_fit: skillFitSql(column('matched'), required),
      capacity: capacitySql(column('annual_capacity'), column('committed'), sql`cast(${order.headcount} as integer)`),
      completion_rate: completionRateSql(column('enrolled'), column('completed')),
      hire_rate: hireRateSql(column('completed'), column('hired'))
    }
  }
  const facts = factsOf('top')
  return sqlRows<RankedCollege>(tx, sql`
    with candidates as (
      select o.id, o.annual_capacity,
        coalesce(m.n, 0) as matched, coalesce(c.seats, 0) as committed,
        coalesce(r.cohorts_completed, 0) as cohorts, coalesce(r.trainees_enrolled, 0) as enrolled,
        coalesce(r.trainees_completed, 0) as completed, coalesce(r.trainees_hired, 0) as hired
      from memberships ms
      join organizations o on o.id = ms.organization_id and o.kind = 'college'
      left join (select college_id, count(*) as n from college_skills where skill in (${keyList}) group by college_id) m on m.college_id = o.id
      left join (select college_id, sum(seats) as seats from college_commitments
                 where start_date <= ${order.trainingEnd} and end_date >= ${order.trainingStart} group by college_id) c on c.college_id = o.id
      left join college_records r on r.college_id = o.id
      where ms.alliance_id = ${order.allianceId} and ms.status = 'active'
    ),
    top as materialized (
      select *, ${weightedSql(tx.engine, COLLEGE_WEIGHTS, factsOf('candidates'))} as score from candidates
      order by score desc, id asc
      limit ${limit}
    )
    select top.id, g.name, top.annual_capacity as "annualCapacity", top.matched, top.committed, top.cohorts, top.enrolled, top.completed, top.hired,
      ${facts.skill_fit} as "skillFit", ${facts.capacity} as capacity,
      ${facts.completion_rate} as "completionRate", ${facts.hire_rate} as "hireRate", top.score
    from top join organizations g on g.id = top.id
    order by top.score desc, top.id asc`)
}
