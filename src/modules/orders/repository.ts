// Order queries: the visibility rule as SQL (shared by point reads and lists), keyset lists and search.
import type { Database } from '../../../db/client.ts'
import type { OrderStatus } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { prepared } from './statements.ts'

/** The caller as SQL parameters: `@user`, `@org` ('' without an organization), `@admin`, `@now`. */
export type Viewer = { user: string, org: string, admin: 0 | 1, now: string }

export const viewerOf = (actor: Actor, now: Date): Viewer => ({
  user: actor.userId,
  org: actor.organizationId ?? '',
  admin: actor.role === 'admin' ? 1 : 0,
  now: now.toISOString()
})

/** Coordinates the order's alliance. */
const COORDINATES = 'exists (select 1 from coordinator_alliances ca where ca.user_id = @user and ca.alliance_id = o.alliance_id)'

/**
 * Who sees an order: drafts the owner and admins; open, evaluating and awarded orders the active
 * members of the alliance, its coordinators and admins; cancelled ones the owner, coordinators,
 * admins and the colleges that bid on it. The owner always sees its own.
 */
export const VISIBLE = `(@admin = 1
  or o.organization_id = @org
  or (o.status <> 'draft' and ${COORDINATES})
  or (o.status in ('open', 'evaluating', 'awarded') and exists (select 1 from memberships m
        where m.organization_id = @org and m.alliance_id = o.alliance_id and m.status = 'active'))
  or (o.status = 'cancelled' and exists (select 1 from bids b where b.order_id = o.id and b.organization_id = @org)))`

/** Owner, coordinator of the alliance or admin: reads derived figures, and bids once bidding closed. */
export const PRIVILEGED = `(@admin = 1 or o.organization_id = @org or ${COORDINATES})`

/** The status as everybody reads it: open past its deadline is evaluating. */
const EFFECTIVE_STATUS = "case when o.status = 'open' and o.bid_deadline <= @now then 'evaluating' else o.status end"

const COLUMNS = `o.id, o.alliance_id as allianceId,
  (select a.code from alliances a where a.id = o.alliance_id) as allianceCode,
  o.organization_id as organizationId,
  (select g.name from organizations g where g.id = o.organization_id) as organizationName,
  o.status as storedStatus, ${EFFECTIVE_STATUS} as status,
  o.title, o.occupation, o.description, o.skills, o.headcount, o.location,
  o.training_start as trainingStart, o.training_end as trainingEnd, o.bid_deadline as bidDeadline,
  o.budget_per_trainee as budgetPerTrainee, o.hiring_positions as hiringPositions,
  o.monthly_salary_min as monthlySalaryMin, o.monthly_salary_max as monthlySalaryMax,
  o.cancel_reason as cancelReason, o.published_at as publishedAt, o.bidding_closed_at as biddingClosedAt, o.created_at as createdAt, o.updated_at as updatedAt,
  ${PRIVILEGED} as privileged`

type RawOrderRow = Omit<OrderRow, 'skills' | 'privileged' | 'visible' | 'coordinates'> & { skills: string, privileged: 0 | 1 }

export type OrderRow = {
  id: string
  allianceId: string
  allianceCode: string
  organizationId: string
  organizationName: string
  storedStatus: OrderStatus
  status: OrderStatus
  title: string
  occupation: string
  description: string
  skills: string[]
  headcount: number
  location: string
  trainingStart: string
  trainingEnd: string
  bidDeadline: string
  budgetPerTrainee: number | null
  hiringPositions: number | null
  monthlySalaryMin: number | null
  monthlySalaryMax: number | null
  cancelReason: string | null
  publishedAt: string | null
  biddingClosedAt: string | null
  createdAt: string
  updatedAt: string
  privileged: boolean
}

/** An order with what the caller may do with it. */
export type OrderAccess = OrderRow & { visible: boolean, coordinates: boolean }

const toRow = (raw: RawOrderRow): OrderRow => ({ ...raw, skills: JSON.parse(raw.skills) as string[], privileged: raw.privileged === 1 })

const FIND_SQL = `select ${COLUMNS}, ${VISIBLE} as visible, ${COORDINATES} as coordinates from orders o where o.id = @id`

/** One order with the caller's access flags, visible or not (for deciding 404 versus 403). */
export function findOrderAccess (db: Database, id: string, viewer: Viewer): OrderAccess | undefined {
  const raw = prepared<RawOrderRow & { visible: 0 | 1, coordinates: 0 | 1 }>(db, FIND_SQL).get({ ...viewer, id })
  if (!raw) return undefined
  const { visible, coordinates, ...rest } = raw
  return { ...toRow(rest), visible: visible === 1, coordinates: coordinates === 1 }
}

/** One order the caller may see, or undefined (absent and invisible look the same). */
export function findVisibleOrder (db: Database, id: string, viewer: Viewer): OrderRow | undefined {
  const found = findOrderAccess(db, id, viewer)
  return found?.visible ? found : undefined
}

export type OrderFigures = { bidCount: number, seatsProposed: number, seatsApproved: number }

const FIGURES_SQL = `select
  (select count(*) from bids b where b.order_id = @id and b.status <> 'withdrawn') as bidCount,
  (select coalesce(sum(m.seats), 0) from matches m where m.order_id = @id and m.status = 'proposed') as seatsProposed,
  (select coalesce(sum(m.seats), 0) from matches m where m.order_id = @id and m.status = 'approved') as seatsApproved`

/** Live bids and proposed/approved seats of an order. */
export const orderFigures = (db: Database, id: string): OrderFigures => prepared<OrderFigures>(db, FIGURES_SQL).get({ id })!

export type OrderListFilter = {
  status?: OrderStatus | undefined
  allianceId?: string | undefined
  skillKeys?: string[] | undefined
  terms?: string[] | undefined
  mine?: boolean | undefined
  beforeId?: string | undefined
  limit: number
}

// `+o.bid_deadline` keeps the planner on the (status, id) index, so rows come in id order without a sort.
const STATUS_CONDITION: Record<OrderStatus, string> = {
  draft: "o.status = 'draft'",
  open: "o.status = 'open' and +o.bid_deadline > @now",
  evaluating: "o.status = 'evaluating'",
  awarded: "o.status = 'awarded'",
  cancelled: "o.status = 'cancelled'"
}
const EXPIRED_OPEN = "o.status = 'open' and +o.bid_deadline <= @now"

/**
 * Newest first, keyset over ids. The most selective index drives the scan in id order (a search
 * term's postings, a skill's orders, the caller's own orders, the alliance, the status); every
 * other condition, the visibility rule included, filters the rows it yields, so a page costs the
 * same however many orders there are. `evaluating` merges two such scans (stored evaluating, and
 * open past the deadline), each limited.
 */
export function listOrders (db: Database, viewer: Viewer, filter: OrderListFilter): OrderRow[] {
  const params: Record<string, unknown> = { ...viewer, limit: filter.limit + 1 }
  const where: string[] = [VISIBLE]
  const terms = [...(filter.terms ?? [])].sort((a, b) => b.length - a.length)
  const skills = filter.skillKeys ?? []
  let from = 'orders o'
  let key = 'o.id'
  if (terms.length > 0) {
    from = 'order_terms d cross join orders o'
    key = 'd.order_id'
    where.unshift('d.term = @t0', 'o.id = d.order_id')
  } else if (skills.length === 1) {
    from = 'order_skills d cross join orders o'
    key = 'd.order_id'
    where.unshift('d.skill = @s0', 'o.id = d.order_id')
  }
  terms.forEach((term, i) => {
    params[`t${i}`] = term
    if (i > 0) where.push(`exists (select 1 from order_terms t where t.term = @t${i} and t.order_id = o.id)`)
  })
  skills.forEach((skill, i) => { params[`s${i}`] = skill })
  if (skills.length > 0 && !(terms.length === 0 && skills.length === 1)) {
    where.push(`exists (select 1 from order_skills s where s.order_id = o.id and s.skill in (${skills.map((_, i) => `@s${i}`).join(', ')}))`)
  }
  if (filter.mine) where.push('o.organization_id = @org')
  if (filter.allianceId !== undefined) {
    params['alliance'] = filter.allianceId
    where.push('o.alliance_id = @alliance')
  }
  if (filter.beforeId !== undefined) {
    params['before'] = filter.beforeId
    where.push(`${key} < @before`)
  }
  // The caller's own orders are few: keep the planner on (organization_id, id) rather than the status index.
  const statusTerm = (condition: string) => filter.mine ? condition.replaceAll('o.status', '+o.status') : condition
  const scan = (status: string | undefined) =>
    `select ${COLUMNS} from ${from} where ${[...where, ...(status ? [statusTerm(status)] : [])].join(' and ')} order by ${key} desc limit @limit`
  const text = filter.status === 'evaluating'
    ? `select * from (${scan(STATUS_CONDITION.evaluating)}) union all select * from (${scan(EXPIRED_OPEN)}) order by id desc limit @limit`
    : scan(filter.status === undefined ? undefined : STATUS_CONDITION[filter.status])
  return prepared<RawOrderRow>(db, text).all(params).map(toRow)
}
