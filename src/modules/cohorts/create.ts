// Creates the planned cohort of an approved match, inside the approving transaction.
import { eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { cohorts, orders } from '../../../db/schema/index.ts'
import { newId } from '../../lib/ids.ts'
import type { Actor } from '../../lib/actor.ts'
import { recordEvent } from '../events/index.ts'
import { syncCommitments } from '../../../db/figures/college-figures.ts'

export type ApprovedMatch = {
  match: { id: string, seats: number }
  order: { id: string, allianceId: string, organizationId: string }
  bid: { organizationId: string, startDate: string, durationWeeks: number }
}

/** Inserts a `planned` cohort for the match (and its seat commitment) and records `cohort.created`; returns its id. */
export async function createCohortForMatch (tx: Executor, { match, order, bid }: ApprovedMatch, actor: Actor, at: Date): Promise<string> {
  const id = newId(at.getTime())
  const now = at.toISOString()
  // Fixed once the order is published; copied so reports read cohorts without joining orders.
  const facts = await tx.orm.select({ publishedAt: orders.publishedAt, occupation: orders.occupation }).from(orders).where(eq(orders.id, order.id)).get()
  await tx.orm.insert(cohorts).values({
    id,
    orderId: order.id,
    matchId: match.id,
    allianceId: order.allianceId,
    collegeId: bid.organizationId,
    enterpriseId: order.organizationId,
    seats: match.seats,
    startDate: bid.startDate,
    durationWeeks: bid.durationWeeks,
    status: 'planned',
    orderPublishedAt: facts?.publishedAt ?? null,
    occupation: facts?.occupation ?? null,
    createdAt: now,
    updatedAt: now
  }).run()
  await syncCommitments(tx, [id])
  await recordEvent(tx, { type: 'cohort.created', subjectType: 'cohort', subjectId: id, orderId: order.id, allianceId: order.allianceId, actor, at, data: { matchId: match.id, seats: match.seats, collegeId: bid.organizationId } })
  return id
}
