// Closing bidding: by the owner, by the first write after the deadline, and by the periodic sweep.
import fp from 'fastify-plugin'
import type { DataLayer, Executor } from '../../../db/executor.ts'
import type { Actor } from '../../lib/actor.ts'
import { recordEvent } from '../events/index.ts'
import { updateOrder } from './store.ts'
import { closedStatus } from './rules.ts'
import { countSubmittedBids, lapseUnconfirmedBids, settleBids } from './settle-bids.ts'

type ClosingOrder = { id: string, allianceId: string, bidDeadline: string, minBids: number }

/**
 * Closes bidding on an open order (actor null: the deadline): bids still waiting for confirmation lapse, then the order
 * moves to evaluating (`order.bidding_closed`), or, with fewer submitted bids than its minBids, to unsuccessful
 * (`order.unsuccessful`, its bids not selected). Returns the status stored, or undefined when it was no longer open.
 */
export async function storeBiddingClosed (tx: Executor, order: ClosingOrder, actor: Actor | null, at: Date): Promise<'evaluating' | 'unsuccessful' | undefined> {
  const now = at.toISOString()
  const submitted = await countSubmittedBids(tx, order.id)
  const status = closedStatus(submitted, order.minBids)
  if (!await updateOrder(tx, order.id, 'open', { status, biddingClosedAt: now, updatedAt: now })) return undefined
  await lapseUnconfirmedBids(tx, order, at)
  const by = actor === null ? 'deadline' : 'owner'
  const event = { subjectType: 'order', subjectId: order.id, orderId: order.id, allianceId: order.allianceId, actor, at } as const
  if (status === 'evaluating') {
    await recordEvent(tx, { ...event, type: 'order.bidding_closed', data: { by, bidDeadline: order.bidDeadline } })
    return status
  }
  await recordEvent(tx, { ...event, type: 'order.unsuccessful', data: { by, bidDeadline: order.bidDeadline, submittedBids: submitted, minBids: order.minBids } })
  await settleBids(tx, order, actor, at)
  return status
}

const EXPIRED_SQL = `select id, alliance_id as "allianceId", bid_deadline as "bidDeadline", min_bids as "minBids" from orders
  where status = 'open' and bid_deadline <= @now order by bid_deadline limit @limit`
// Several processes sweep at once on PostgreSQL: each takes the rows no other sweep (or writer) holds.
const EXPIRED_SQL_PG = `${EXPIRED_SQL} for update skip locked`

/**
 * Closes bidding on every open order whose deadline has passed, a batch per transaction; returns
 * how many moved. An order another writer closed meanwhile is skipped (the update checks `open`).
 */
export async function sweepExpiredOrders (data: DataLayer, at: Date, batch = 200): Promise<number> {
  let total = 0
  for (;;) {
    const moved = await data.write(async (tx) => {
      const expired = await tx.all<ClosingOrder>(tx.engine === 'postgres' ? EXPIRED_SQL_PG : EXPIRED_SQL, { now: at.toISOString(), limit: batch })
      let count = 0
      for (const order of expired) if (await storeBiddingClosed(tx, order, null, at) !== undefined) count++
      return count
    })
    total += moved
    if (moved < batch) return total
  }
}

/**
 * Runs the sweep every DEADLINE_SWEEP_INTERVAL seconds (0 disables it). The next run is scheduled when
 * one ends, so runs never overlap; a failure is logged and the next run retries. On close no new run
 * starts and a running one is awaited before the database closes.
 */
export const deadlineSweepPlugin = fp(async (app) => {
  const seconds = app.config.DEADLINE_SWEEP_INTERVAL
  if (seconds <= 0) return
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let closed = false
  const run = async () => {
    try {
      const moved = await sweepExpiredOrders(app.data, app.clock())
      if (moved > 0) app.log.info({ moved }, 'bidding closed on orders past their deadline')
    } catch (error) {
      app.log.warn({ err: error }, 'deadline sweep failed; the next run retries')
    }
  }
  const schedule = () => {
    if (closed) return
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined
        schedule()
      })
    }, seconds * 1000)
    timer.unref()
  }
  schedule()
  app.addHook('onClose', async () => {
    closed = true
    clearTimeout(timer)
    await running
  })
}, { name: 'deadline-sweep', dependencies: ['database', 'config'] })
