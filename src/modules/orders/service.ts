// Order use cases: create a draft, edit or amend, publish and close bidding, each one write transaction.
import type { DataLayer } from '../../../db/executor.ts'
import type { CreateOrderInput, PatchOrderInput } from '../../../schemas/orders.ts'
import { requireOrganization, type Actor } from '../../lib/actor.ts'
import { newId } from '../../lib/ids.ts'
import { normalizeInstant } from '../../lib/clock.ts'
import { conflict, deadlinePassed, forbidden, ruleViolation, type ProblemFieldError } from '../../lib/problems.ts'
import { findAllianceByCode, isActiveMember } from '../alliances/index.ts'
import { recordEvent } from '../events/index.ts'
import { canPublish, dateErrors, hiringErrors, isDeadlinePassed } from './rules.ts'
import { amendedDeadline, amendedFields } from './amendment.ts'
import { askBidsToConfirm } from './settle-bids.ts'
import { insertOrder, updateOrder, indexOrderText, indexOrderSkills, searchableOf, type OrderChanges } from './store.ts'
import { storeBiddingClosed } from './deadline.ts'
import { loadOrderForWrite, refuseAfterLoad, requireOwner } from './access.ts'
import { writeTransaction } from '../../../db/transaction.ts'

function throwIfInvalid (errors: ProblemFieldError[]): void {
  if (errors.length > 0) throw ruleViolation(errors.map((e) => `${e.path.slice(1)} ${e.message}`).join('; '), 'rule_violation', errors)
}

/** Creates a draft in an alliance where the caller's enterprise is an active member; returns its id. */
export async function createOrder (data: DataLayer, actor: Actor, input: CreateOrderInput, at: Date): Promise<string> {
  requireOrganization(actor, 'enterprise')
  const alliance = await findAllianceByCode(data, input.allianceCode)
  if (!alliance) throw ruleViolation(`unknown alliance ${input.allianceCode}`, 'rule_violation', [{ path: '/allianceCode', message: 'no such alliance' }])
  const hiring = input.hiringCommitment
  const row = {
    id: newId(at.getTime()),
    allianceId: alliance.id,
    organizationId: actor.organizationId,
    createdBy: actor.userId,
    status: 'draft' as const,
    title: input.title.trim(),
    occupation: input.occupation.trim(),
    description: input.description ?? '',
    skills: input.skills,
    headcount: input.headcount,
    location: input.location.trim(),
    trainingStart: input.trainingStart,
    trainingEnd: input.trainingEnd,
    bidDeadline: normalizeInstant(input.bidDeadline),
    budgetPerTrainee: input.budgetPerTrainee ?? null,
    hiringPositions: hiring?.positions ?? null,
    monthlySalaryMin: hiring?.monthlySalaryMin ?? null,
    monthlySalaryMax: hiring?.monthlySalaryMax ?? null,
    minBids: input.minBids ?? 1,
    questionDeadline: input.questionDeadline === undefined ? null : normalizeInstant(input.questionDeadline),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString()
  }
  throwIfInvalid([...dateErrors(row), ...hiringErrors(row)])
  return writeTransaction(data, async (tx) => {
    if (!await isActiveMember(tx, actor.organizationId, alliance.id)) throw forbidden(`the caller's enterprise is not an active member of ${alliance.code}`)
    const id = await insertOrder(tx, row)
    await recordEvent(tx, { type: 'order.created', subjectType: 'order', subjectId: id, orderId: id, allianceId: alliance.id, actor, at, data: { title: row.title, headcount: row.headcount } })
    return id
  })
}

/** The stored columns a patch changes (hiringCommitment null clears all three hiring columns). */
function changesOf (patch: PatchOrderInput): OrderChanges {
  const changes: OrderChanges = {}
  if (patch.title !== undefined) changes.title = patch.title.trim()
  if (patch.occupation !== undefined) changes.occupation = patch.occupation.trim()
  if (patch.description !== undefined) changes.description = patch.description
  if (patch.skills !== undefined) changes.skills = patch.skills
  if (patch.headcount !== undefined) changes.headcount = patch.headcount
  if (patch.location !== undefined) changes.location = patch.location.trim()
  if (patch.trainingStart !== undefined) changes.trainingStart = patch.trainingStart
  if (patch.trainingEnd !== undefined) changes.trainingEnd = patch.trainingEnd
  if (patch.bidDeadline !== undefined) changes.bidDeadline = normalizeInstant(patch.bidDeadline)
  if (patch.budgetPerTrainee !== undefined) changes.budgetPerTrainee = patch.budgetPerTrainee
  if (patch.hiringCommitment !== undefined) {
    changes.hiringPositions = patch.hiringCommitment?.positions ?? null
    changes.monthlySalaryMin = patch.hiringCommitment?.monthlySalaryMin ?? null
    changes.monthlySalaryMax = patch.hiringCommitment?.monthlySalaryMax ?? null
  }
  if (patch.minBids !== undefined) changes.minBids = patch.minBids
  if (patch.questionDeadline !== undefined) changes.questionDeadline = patch.questionDeadline === null ? null : normalizeInstant(patch.questionDeadline)
  return changes
}

/**
 * Edits an order: a draft in full. An open order takes a new description and a later deadline as edits; a change of a
 * material term is an amendment (amendOpenOrder). `amendmentMinHours`: AMENDMENT_MIN_HOURS.
 */
export async function patchOrder (data: DataLayer, actor: Actor, id: string, patch: PatchOrderInput, at: Date, amendmentMinHours: number): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const order = await loadOrderForWrite(tx, id, actor, at)
    requireOwner(actor, order, 'edit it')
    const changes = changesOf(patch)
    let amended: string[] = []
    if (order.storedStatus === 'open') {
      if (changes.bidDeadline !== undefined && changes.bidDeadline <= order.bidDeadline) {
        throw ruleViolation('an open order only takes a later bidDeadline', 'rule_violation', [{ path: '/bidDeadline', message: `must be after ${order.bidDeadline}` }])
      }
      amended = amendedFields(order, changes)
      if (amended.length > 0) changes.bidDeadline = amendedDeadline(changes.bidDeadline ?? order.bidDeadline, at, amendmentMinHours)
    } else if (order.storedStatus !== 'draft') {
      const detail = `the order is ${order.status}; it can no longer be edited`
      const problem = order.closedNow ? deadlinePassed(detail) : conflict(detail, 'order_not_editable')
      refuseAfterLoad(order, problem)
    }
    const merged = { ...order, ...changes } as typeof order & OrderChanges
    throwIfInvalid([...dateErrors(merged), ...hiringErrors({
      headcount: merged.headcount,
      hiringPositions: merged.hiringPositions ?? null,
      monthlySalaryMin: merged.monthlySalaryMin ?? null,
      monthlySalaryMax: merged.monthlySalaryMax ?? null
    })])
    await updateOrder(tx, id, order.storedStatus, { ...changes, updatedAt: at.toISOString() })
    if (changes.title !== undefined || changes.occupation !== undefined || changes.description !== undefined || changes.skills !== undefined) {
      await indexOrderText(tx, id, searchableOf(merged))
    }
    if (changes.skills !== undefined) await indexOrderSkills(tx, id, changes.skills)
    const event = { subjectType: 'order', subjectId: id, orderId: id, allianceId: order.allianceId, actor, at } as const
    if (amended.length === 0) {
      await recordEvent(tx, { ...event, type: 'order.updated', data: { changes: patch } })
      return
    }
    const bidsToConfirm = await askBidsToConfirm(tx, id, at)
    await recordEvent(tx, {
      ...event,
      type: 'order.amended',
      data: { fields: amended, changes: patch, bidDeadline: merged.bidDeadline, previousBidDeadline: order.bidDeadline, bidsToConfirm }
    })
  })
}

/** Publishes a draft: bidding opens until its deadline, which must still be ahead (409 `deadline_passed`). */
export async function publishOrder (data: DataLayer, actor: Actor, id: string, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const order = await loadOrderForWrite(tx, id, actor, at)
    requireOwner(actor, order, 'publish it')
    const check = canPublish({ status: order.storedStatus, bidDeadline: order.bidDeadline }, at)
    if (!check.ok && check.reason === 'not_draft') throw conflict(`the order is already ${order.status}`, 'order_not_draft')
    if (!check.ok) throw deadlinePassed('the bid deadline has passed; set a later bidDeadline first', [{ path: '/bidDeadline', message: 'must be in the future' }])
    throwIfInvalid(dateErrors(order))
    await updateOrder(tx, id, 'draft', { status: 'open', publishedAt: at.toISOString(), updatedAt: at.toISOString() })
    await recordEvent(tx, { type: 'order.published', subjectType: 'order', subjectId: id, orderId: id, allianceId: order.allianceId, actor, at, data: { bidDeadline: order.bidDeadline } })
  })
}

/** Closes bidding early: the order moves to evaluating (or unsuccessful, too few bids) and its bids are unsealed. */
export async function closeBidding (data: DataLayer, actor: Actor, id: string, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const order = await loadOrderForWrite(tx, id, actor, at)
    requireOwner(actor, order, 'close bidding')
    if (order.storedStatus !== 'open') {
      const passed = (order.status === 'evaluating' || order.status === 'unsuccessful') && isDeadlinePassed(order.bidDeadline, at)
      const problem = passed ? deadlinePassed(`bidding already closed at ${order.bidDeadline}`) : conflict(`the order is ${order.status}`, 'order_not_open')
      refuseAfterLoad(order, problem)
    }
    await storeBiddingClosed(tx, order, actor, at)
  })
}
