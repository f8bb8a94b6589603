// Turns ranked rows into response items: the college or order summary, hasBid, and one reason per factor.
import { and, eq, inArray, ne } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { alliances, bids, collegeSkills, orderSkills, orders, organizations } from '../../../db/schema/index.ts'
import type { RankedCollege } from './colleges-for-order.ts'
import type { CollegeFacts, RankedOrder } from './orders-for-college.ts'
import {
  COLLEGE_WEIGHTS, ORDER_WEIGHTS, round4, skillFitDetail, capacityDetail, completionRateDetail, hireRateDetail, promiseKeptDetail, deadlineDetail,
  orderSizeDetail, type Factor
} from './factors.ts'

export type Reason = { factor: Factor, weight: number, score: number, detail: string }

const reason = (factor: Factor, weight: number, score: number, detail: string): Reason => ({ factor, weight, score: round4(score), detail })

/** Canonical keys each owner (college or order) shares with `keys`, in the order of `keys`. */
function sharedKeys (rows: Array<{ owner: string, skill: string }>, keys: readonly string[]): Map<string, string[]> {
  const byOwner = new Map<string, Set<string>>()
  for (const r of rows) byOwner.set(r.owner, (byOwner.get(r.owner) ?? new Set()).add(r.skill))
  return new Map([...byOwner].map(([owner, set]) => [owner, keys.filter((k) => set.has(k))]))
}

/** Live bids (not withdrawn) of these colleges on the order. */
async function biddingColleges (tx: Executor, orderId: string, collegeIds: string[]): Promise<Set<string>> {
  if (collegeIds.length === 0) return new Set()
  const rows = await tx.orm.select({ id: bids.organizationId }).from(bids)
    .where(and(eq(bids.orderId, orderId), inArray(bids.organizationId, collegeIds), ne(bids.status, 'withdrawn'))).all()
  return new Set(rows.map((r) => r.id))
}

const recordOf = (r: RankedCollege) =>
  ({ cohorts: Number(r.cohorts), enrolled: Number(r.enrolled), completed: Number(r.completed), hired: Number(r.hired) })

export type OrderContext = { id: string, headcount: number, sealed: boolean }

/** Items of GET /orders/{id}/recommendations. While bids are sealed, hasBid is null: it would say who bid. */
export async function explainColleges (tx: Executor, order: OrderContext, keys: readonly string[], ranked: RankedCollege[]) {
  const ids = ranked.map((r) => r.id)
  const shared = sharedKeys(ids.length === 0 || keys.length === 0
    ? []
    : await tx.orm.select({ owner: collegeSkills.collegeId, skill: collegeSkills.skill }).from(collegeSkills)
      .where(and(inArray(collegeSkills.collegeId, ids), inArray(collegeSkills.skill, [...keys]))).all(), keys)
  const bidders = order.sealed ? new Set<string>() : await biddingColleges(tx, order.id, ids)
  return ranked.map((r) => ({
    college: { id: r.id, name: r.name },
    score: r.score,
    hasBid: order.sealed ? null : bidders.has(r.id),
    reasons: [
      reason('skill_fit', COLLEGE_WEIGHTS.skill_fit, r.skillFit, skillFitDetail(shared.get(r.id) ?? [], keys.length)),
      reason('capacity', COLLEGE_WEIGHTS.capacity, r.capacity, capacityDetail(r.annualCapacity, r.committed, order.headcount)),
      reason('completion_rate', COLLEGE_WEIGHTS.completion_rate, r.completionRate, completionRateDetail(recordOf(r))),
      reason('hire_rate', COLLEGE_WEIGHTS.hire_rate, r.hireRate, hireRateDetail(recordOf(r)))
    ]
  }))
}

/** Items of GET /recommendations/orders: order summaries in ranked order, the caller's own bids, the reasons. */
export async function explainOrders (tx: Executor, college: CollegeFacts, ranked: RankedOrder[], now: Date) {
  const ids = ranked.map((r) => r.id)
  if (ids.length === 0) return []
  const rows = await tx.orm.select({
    id: orders.id, title: orders.title, occupation: orders.occupation, allianceCode: alliances.code,
    organizationId: orders.organizationId, organizationName: organizations.name, skills: orders.skills, headcount: orders.headcount,
    location: orders.location, trainingStart: orders.trainingStart, trainingEnd: orders.trainingEnd, bidDeadline: orders.bidDeadline,
    budgetPerTrainee: orders.budgetPerTrainee
  }).from(orders)
    .innerJoin(alliances, eq(alliances.id, orders.allianceId))
    .innerJoin(organizations, eq(organizations.id, orders.organizationId))
    .where(inArray(orders.id, ids)).all()
  const byId = new Map(rows.map((r) => [r.id, r]))
  const shared = sharedKeys(college.keys.length === 0
    ? []
    : await tx.orm.select({ owner: orderSkills.orderId, skill: orderSkills.skill }).from(orderSkills)
      .where(and(inArray(orderSkills.orderId, ids), inArray(orderSkills.skill, college.keys))).all(), college.keys)
  const bidRows = await tx.orm.select({ id: bids.orderId }).from(bids)
    .where(and(eq(bids.organizationId, college.id), inArray(bids.orderId, ids), ne(bids.status, 'withdrawn'))).all()
  const bidOn = new Set(bidRows.map((r) => r.id))
  return ranked.flatMap((r) => {
    const o = byId.get(r.id)
    if (!o) return []
    const { organizationId, organizationName, ...summary } = o
    return [{
      order: { ...summary, organization: { id: organizationId, name: organizationName } },
      score: r.score,
      hasBid: bidOn.has(r.id),
      reasons: [
        reason('skill_fit', ORDER_WEIGHTS.skill_fit, r.skillFit, skillFitDetail(shared.get(r.id) ?? [], r.required)),
        reason('capacity', ORDER_WEIGHTS.capacity, r.capacity, capacityDetail(college.annualCapacity, r.committed, o.headcount)),
        reason('deadline', ORDER_WEIGHTS.deadline, r.deadline, deadlineDetail(o.bidDeadline, now)),
        reason('promise_kept', ORDER_WEIGHTS.promise_kept, r.promiseKept,
          promiseKeptDetail(organizationName, { orders: Number(r.enterpriseOrders), promised: Number(r.promised), hired: Number(r.hired) })),
        reason('order_size', ORDER_WEIGHTS.order_size, r.orderSize, orderSizeDetail(o.headcount))
      ]
    }]
  })
}
