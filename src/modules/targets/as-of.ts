// The alliance's figures as they stood at an instant: what the report for a range would have said when generated then.
import type { Executor } from '../../../db/executor.ts'
import type { ActualDto } from '../../../schemas/targets.ts'
import { rate } from '../../lib/ratio.ts'

type Range = { allianceId: string, fromInstant: string, toInstant: string, asOf: string }

// Orders published in the range and awarded before the instant, with their promises (as the report counts them).
const AWARDED_SQL = `select
    coalesce(sum(case when o.status = 'awarded' and o.awarded_at < @asOf then 1 else 0 end), 0) as "awarded",
    coalesce(sum(case when o.status = 'awarded' and o.awarded_at < @asOf then coalesce(o.hiring_positions, 0) else 0 end), 0) as "promised"
  from orders o
  where o.alliance_id = @allianceId and o.published_at >= @fromInstant and o.published_at < @toInstant`

// Trainees of those orders' cohorts who had completed (hired ones included) and been hired before the instant.
const TRAINEES_SQL = `select
    coalesce(sum(case when t.completed_at < @asOf then 1 else 0 end), 0) as "completed",
    coalesce(sum(case when t.hired_at < @asOf then 1 else 0 end), 0) as "hired"
  from cohorts c join trainees t on t.cohort_id = c.id
  where c.alliance_id = @allianceId and c.order_published_at >= @fromInstant and c.order_published_at < @toInstant`

/**
 * The target figures of the alliance's orders published in [fromInstant, toInstant) as of `asOf`: orders awarded by
 * then (`awardedAt`), trainees completed and hired by then (their `completedAt`, `hiredAt`), and hired over the
 * promises of the orders awarded by then. Later changes do not move it: a mid-year check stays what it was on June 30.
 */
export async function actualAsOf (ex: Executor, range: Range): Promise<ActualDto> {
  const orders = await ex.get<{ awarded: number | string, promised: number | string }>(AWARDED_SQL, range)
  const trainees = await ex.get<{ completed: number | string, hired: number | string }>(TRAINEES_SQL, range)
  const promised = Number(orders?.promised ?? 0)
  const hired = Number(trainees?.hired ?? 0)
  return {
    ordersAwarded: Number(orders?.awarded ?? 0),
    seatsCompleted: Number(trainees?.completed ?? 0),
    hires: hired,
    promiseKeptRate: rate(hired, promised)
  }
}
