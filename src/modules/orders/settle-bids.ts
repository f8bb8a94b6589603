// Settling an ended order's bids (awarded or cancelled): accepted with an approved match, else not selected.
import { and, eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { bids, matches } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { recordEvent } from '../events/index.ts'

export async function settleBids (tx: Executor, order: { id: string, allianceId: string }, actor: Actor | null, at: Date): Promise<void> {
  const submitted = await tx.orm.select({ id: bids.id }).from(bids).where(and(eq(bids.orderId, order.id), eq(bids.status, 'submitted'))).all()
  if (submitted.length === 0) return
  const approved = new Set((await tx.orm.select({ bidId: matches.bidId }).from(matches)
    .where(and(eq(matches.orderId, order.id), eq(matches.status, 'approved'))).all()).map((m) => m.bidId))
  const now = at.toISOString()
  for (const bid of submitted) {
    const status = approved.has(bid.id) ? 'accepted' as const : 'not_selected' as const
    await tx.orm.update(bids).set({ status, updatedAt: now }).where(and(eq(bids.id, bid.id), eq(bids.status, 'submitted'))).run()
    await recordEvent(tx, { type: `bid.${status}`, subjectType: 'bid', subjectId: bid.id, orderId: order.id, allianceId: order.allianceId, actor, at })
  }
}
