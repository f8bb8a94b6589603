// Bid use cases: submit, revise, confirm after an amendment and withdraw while the order is open, each one write transaction.
import { and, eq, inArray } from 'drizzle-orm'
import type { DataLayer, Executor } from '../../../db/executor.ts'
import { bids } from '../../../db/schema/index.ts'
import type { CreateBidInput, PatchBidInput } from '../../../schemas/bids.ts'
import { type Actor } from '../../lib/actor.ts'
import { newId } from '../../lib/ids.ts'
import { conflict, forbidden, notFound, ruleViolation } from '../../lib/problems.ts'
import { recordEvent } from '../events/index.ts'
import { loadOrderForWrite, requireOpen, type LoadedOrder, findOrderAccess, viewerOf } from '../orders/index.ts'
import { writeTransaction } from '../../../db/transaction.ts'
import { findBid, findLiveBid, type BidRow } from './repository.ts'
import { checkStartDate, cohortSizeFits, LAST_DATE, totalHours, totalPrice, trainingEndFits } from './rules.ts'

function requireCohortFits (cohortSize: number, order: { headcount: number }): void {
  if (!cohortSizeFits(cohortSize, order.headcount)) {
    throw ruleViolation(`cohortSize must be between 1 and the order's headcount (${order.headcount})`, 'rule_violation', [{ path: '/cohortSize', message: `at most ${order.headcount}` }])
  }
}

function requireStartDateFits (startDate: string, order: { trainingStart: string, trainingEnd: string }, at: Date): void {
  const check = checkStartDate(startDate, order, at)
  if (!check.ok) throw ruleViolation(`startDate ${startDate} ${check.error.message}`, check.code, [check.error])
}

/** The training must end by LAST_DATE: an approved match stores its cohort's end date (it used to be a 500 at approval). */
function requireTrainingEndFits (bid: { startDate: string, durationWeeks: number }): void {
  if (!trainingEndFits(bid.startDate, bid.durationWeeks)) {
    throw ruleViolation(`the training (startDate plus durationWeeks) must end by ${LAST_DATE}`, 'rule_violation', [{ path: '/durationWeeks', message: `startDate + durationWeeks ends after ${LAST_DATE}` }])
  }
}

/** Submits the caller's college's bid on an open order (one live bid per college); returns its id. */
export async function submitBid (data: DataLayer, actor: Actor, orderId: string, input: CreateBidInput, at: Date): Promise<string> {
  return writeTransaction(data, async (tx) => {
    const order = await loadOrderForWrite(tx, orderId, actor, at)
    if (actor.organizationKind !== 'college' || actor.organizationId === null) throw forbidden('only colleges bid on orders')
    requireOpen(order, 'bid', at)
    requireCohortFits(input.cohortSize, order)
    requireStartDateFits(input.startDate, order, at)
    requireTrainingEndFits(input)
    if (await findLiveBid(tx, orderId, actor.organizationId)) throw conflict('your college already has a live bid on this order; revise or withdraw it', 'duplicate_bid')
    const id = newId(at.getTime())
    const now = at.toISOString()
    const row = {
      id,
      orderId,
      organizationId: actor.organizationId,
      createdBy: actor.userId,
      status: 'submitted' as const,
      cohortSize: input.cohortSize,
      startDate: input.startDate,
      durationWeeks: input.durationWeeks,
      pricePerTrainee: input.pricePerTrainee,
      curriculum: input.curriculum,
      message: input.message ?? '',
      totalHours: totalHours(input.curriculum),
      totalPrice: totalPrice(input.pricePerTrainee, input.cohortSize),
      revision: 1,
      createdAt: now,
      updatedAt: now
    }
    await tx.orm.insert(bids).values(row).run()
    await recordEvent(tx, { type: 'bid.submitted', subjectType: 'bid', subjectId: id, orderId, allianceId: order.allianceId, actor, at, data: { cohortSize: row.cohortSize, pricePerTrainee: row.pricePerTrainee, totalPrice: row.totalPrice, totalHours: row.totalHours } })
    return id
  })
}

/**
 * The caller's own bid and its order, loaded for a change. Someone who may read the bid but is not
 * its college gets 403; anyone else 404.
 */
async function loadOwnBid (tx: Executor, actor: Actor, bidId: string, at: Date): Promise<{ bid: BidRow, order: LoadedOrder }> {
  const bid = await findBid(tx, bidId, at)
  if (!bid) throw notFound('bid')
  if (actor.organizationId !== bid.organizationId) {
    const order = await findOrderAccess(tx, bid.orderId, viewerOf(actor, at))
    if (order?.visible && order.privileged) throw forbidden('only the college that submitted the bid may change it')
    throw notFound('bid')
  }
  const order = await loadOrderForWrite(tx, bid.orderId, actor, at)
  // Read again under the order's lock (PostgreSQL): a change committed meanwhile is seen, so revisions never repeat.
  const current = await findBid(tx, bidId, at)
  if (!current) throw notFound('bid')
  return { bid: current, order }
}

/** Submitted, or waiting for confirmation after an amendment: the bid may still change. */
const LIVE = ['submitted', 'needs_confirmation'] as const
const liveStatus = inArray(bids.status, [...LIVE])

function requireLive (bid: BidRow): void {
  if (!(LIVE as readonly string[]).includes(bid.status)) throw conflict(`the bid is ${bid.status}`, 'bid_not_live')
}

/** A bid still fits the order as amended: cohort within the headcount, start inside the window, training ending in time. */
function requireFitsAmendedOrder (bid: { cohortSize: number, startDate: string, durationWeeks: number }, order: LoadedOrder, at: Date): void {
  requireCohortFits(bid.cohortSize, order)
  requireStartDateFits(bid.startDate, order, at)
  requireTrainingEndFits(bid)
}

/** Revises a live bid while the order is open: revision + 1, event `bid.revised` with the changed fields; confirms one waiting for confirmation. */
export async function reviseBid (data: DataLayer, actor: Actor, bidId: string, patch: PatchBidInput, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const { bid, order } = await loadOwnBid(tx, actor, bidId, at)
    requireOpen(order, 'revise the bid', at)
    requireLive(bid)
    const merged = { ...bid, ...patch }
    const confirming = bid.status === 'needs_confirmation'
    // A revision after an amendment also confirms: the whole bid must fit the amended order.
    if (confirming) requireFitsAmendedOrder(merged, order, at)
    requireCohortFits(merged.cohortSize, order)
    // A start date is checked when it changes: a bid already under way is not blocked from other revisions.
    if (patch.startDate !== undefined) requireStartDateFits(patch.startDate, order, at)
    requireTrainingEndFits(merged)
    const revision = bid.revision + 1
    const changes = {
      ...patch,
      status: 'submitted' as const,
      totalHours: totalHours(merged.curriculum),
      totalPrice: totalPrice(merged.pricePerTrainee, merged.cohortSize),
      revision,
      updatedAt: at.toISOString()
    }
    await tx.orm.update(bids).set(changes).where(and(eq(bids.id, bidId), liveStatus)).run()
    await recordEvent(tx, {
      type: 'bid.revised',
      subjectType: 'bid',
      subjectId: bidId,
      orderId: order.id,
      allianceId: order.allianceId,
      actor,
      at,
      data: { revision, fields: Object.keys(patch), changes: patch, totalPrice: changes.totalPrice, totalHours: changes.totalHours, confirmed: confirming }
    })
  })
}

/** Confirms a bid unchanged after an amendment of its order (its college, while the order is open); 422 when it no longer fits. */
export async function confirmBid (data: DataLayer, actor: Actor, bidId: string, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const { bid, order } = await loadOwnBid(tx, actor, bidId, at)
    requireOpen(order, 'confirm the bid', at)
    if (bid.status !== 'needs_confirmation') throw conflict(`the bid is ${bid.status}; only a bid waiting for confirmation is confirmed`, 'bid_not_awaiting_confirmation')
    requireFitsAmendedOrder(bid, order, at)
    await tx.orm.update(bids).set({ status: 'submitted', updatedAt: at.toISOString() })
      .where(and(eq(bids.id, bidId), eq(bids.status, 'needs_confirmation'))).run()
    await recordEvent(tx, { type: 'bid.confirmed', subjectType: 'bid', subjectId: bidId, orderId: order.id, allianceId: order.allianceId, actor, at, data: { revision: bid.revision } })
  })
}

/** Withdraws a live bid while the order is open; the college may then bid again. */
export async function withdrawBid (data: DataLayer, actor: Actor, bidId: string, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const { bid, order } = await loadOwnBid(tx, actor, bidId, at)
    requireOpen(order, 'withdraw the bid', at)
    requireLive(bid)
    const now = at.toISOString()
    await tx.orm.update(bids).set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now }).where(and(eq(bids.id, bidId), liveStatus)).run()
    await recordEvent(tx, { type: 'bid.withdrawn', subjectType: 'bid', subjectId: bidId, orderId: order.id, allianceId: order.allianceId, actor, at })
  })
}
