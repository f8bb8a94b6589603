// Settling an ended order's bids (awarded or cancelled): accepted with an approved match, else not selected.
import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.ts'
import { bids, matches } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { recordEvent } from '../events/index.ts'

export function settleBids (tx: DbOrTx, order: { id: string, allianceId: string }, actor: Actor | null, at: Date): void {
  const submitted = tx.select({ id: bids.id }).from(bids).where(and(eq(bids.orderId, order.id), eq(bids.status, 'submitted'))).all()
  if (submitted.length === 0) return
  const approved = new Set(tx.select({ bidId: matches.bidId }).from(matches)
    .where(and(eq(matches.orderId, order.id), eq(matches.status, 'approved'))).all().map((m) => m.bidId))
  const now = at.toISOString()
  for (const bid of submitted) {
    const status = approved.has(bid.id) ? 'accepted' as const : 'not_selected' as const
    tx.update(bids).set({ status, updatedAt: now }).where(and(eq(bids.id, bid.id), eq(bids.status, 'submitted'))).run()
    recordEvent(tx, { type: `bid.${status}`, subjectType: 'bid', subjectId: bid.id, orderId: order.id, allianceId: order.allianceId, actor, at })
  }
}
