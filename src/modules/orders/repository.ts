// Order queries: the visibility rule as SQL (shared by point reads and lists), keyset lists and search.
import type { Database } from '../../../db/client.ts'
import type { OrderStatus, orders } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { prepared } from '../../../db/statements.ts'
import { exclusion, rarestFirst, type PostingCounts } from './search-select.ts'
import { postingsWindow, windowFloor } from './search-window.ts'

export type { PostingCounts } from './search-select.ts'

/** The caller as SQL parameters: `@user`, `@org` ('' without an organization), `@admin`, `@now`. */
export type Viewer = { user: string, org: string, admin: 0 | 1, now: string }

export const viewerOf = (actor: Actor, now: Date): Viewer => ({
  user: actor.userId,
  org: actor.organizationId ?? '',
  admin: actor.role === 'admin' ? 1 : 0,
  now: now.toISOString()
})

/** Bid on the order (cancelled orders stay visible to the colleges that bid); `+` keeps the plan on bids_order_id_idx. */
const BID_ON = 'exists (select 1 from bids b where b.order_id = o.id and +b.organization_id = @org)'

/** Coordinates the order's alliance. */
const COORDINATES = 'exists (select 1 from coordinator_alliances ca where ca.user_id = @user and ca.alliance_id = o.alliance_id)'

/**
 * Who sees an order: drafts the owner and admins; open, evaluating and awarded orders the active
 * members of the alliance, its coordinators and admins; cancelled ones the owner, coordinators,
 * admins and the colleges that bid on it. The owner always sees its own. (The rule by subqueries; lists and
 * point reads evaluate the same rule over the caller's facts, VISIBLE_BY_FACTS and FIND_SQL.)
 */
export const VISIBLE = `(@admin = 1
  or o.organization_id = @org
  or (o.status <> 'draft' and ${COORDINATES})
  or (o.status in ('open', 'evaluating', 'awarded') and exists (select 1 from memberships m
        where m.organization_id = @org and m.alliance_id = o.alliance_id and m.status = 'active'))
  or (o.status = 'cancelled' and ${BID_ON}))`

/** The status as everybody reads it: open past its deadline is evaluating. */
const EFFECTIVE_STATUS = "case when o.status = 'open' and o.bid_deadline <= @now then 'evaluating' else o.status end"

const columns = (privileged: string) => `o.id, o.alliance_id as allianceId, a.code as allianceCode,
  o.organization_id as organizationId, g.name as organizationName,
  o.status as storedStatus, ${EFFECTIVE_STATUS} as status,
  o.title, o.occupation, o.description, o.skills, o.headcount, o.location,
  o.training_start as trainingStart, o.training_end as trainingEnd, o.bid_deadline as bidDeadline,
  o.budget_per_trainee as budgetPerTrainee, o.hiring_positions as hiringPositions,
  o.monthly_salary_min as monthlySalaryMin, o.monthly_salary_max as monthlySalaryMax,
  o.cancel_reason as cancelReason, o.published_at as publishedAt, o.bidding_closed_at as biddingClosedAt, o.created_at as createdAt, o.updated_at as updatedAt,
  ${privileged} as privileged`

/** The order's alliance and owner, joined once (CROSS JOIN keeps the order table, and the scan driving it, first). */
const NAMES = ' cross join alliances a on a.id = o.alliance_id cross join organizations g on g.id = o.organization_id'

/** `@memberOf` / `@coordinated`: the caller's alliance ids as ',id,id,' (see callerFacts). */
const IN_LIST = (list: string) => `instr(${list}, ',' || o.alliance_id || ',') > 0`

/** VISIBLE over the caller's facts computed once per request instead of per-row subqueries. */
const VISIBLE_BY_FACTS = `(@admin = 1
  or o.organization_id = @org
  or (o.status <> 'draft' and ${IN_LIST('@coordinated')})
  or (o.status in ('open', 'evaluating', 'awarded') and ${IN_LIST('@memberOf')})
  or (o.status = 'cancelled' and ${BID_ON}))`

const LIST_COLUMNS = columns(`(@admin = 1 or o.organization_id = @org or ${IN_LIST('@coordinated')})`)

type RawOrderRow = Omit<OrderRow, 'skills' | 'privileged' | 'visible' | 'coordinates'> & { skills: string, privileged: 0 | 1 }

/** The stored columns the read returns, typed from the schema. */
type OrderColumns = Pick<typeof orders.$inferSelect,
  'id' | 'allianceId' | 'organizationId' | 'title' | 'occupation' | 'description' | 'skills' | 'headcount' |
  'location' | 'trainingStart' | 'trainingEnd' | 'bidDeadline' | 'budgetPerTrainee' | 'hiringPositions' |
  'monthlySalaryMin' | 'monthlySalaryMax' | 'cancelReason' | 'publishedAt' | 'biddingClosedAt' | 'createdAt' | 'updatedAt'>

/** An order as the caller's queries read it: the stored columns, its alliance and enterprise names, its effective status. */
export type OrderRow = OrderColumns & {
  allianceCode: string
  organizationName: string
  storedStatus: OrderStatus
  status: OrderStatus
  privileged: boolean
}

/** An order with what the caller may do with it. */
export type OrderAccess = OrderRow & { visible: boolean, coordinates: boolean }

const toRow = (raw: RawOrderRow): OrderRow => ({ ...raw, skills: JSON.parse(raw.skills) as string[], privileged: raw.privileged === 1 })

// One statement: the order, its names, and the caller's coordinator and membership rows (each at most one, by unique index).
const FIND_SQL = `select ${columns('(@admin = 1 or o.organization_id = @org or ca.user_id is not null)')},
  (@admin = 1
    or o.organization_id = @org
    or (o.status <> 'draft' and ca.user_id is not null)
    or (o.status in ('open', 'evaluating', 'awarded') and m.alliance_id is not null)
    or (o.status = 'cancelled' and ${BID_ON})) as visible,
  ca.user_id is not null as coordinates
  from orders o${NAMES}
  left join coordinator_alliances ca on ca.user_id = @user and ca.alliance_id = o.alliance_id
  left join memberships m on m.organization_id = @org and m.alliance_id = o.alliance_id and m.status = 'active'
  where o.id = @id`

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
  /** Leave out the orders another search already found: those matching all these terms (as selected) or tagged with one of these skills. */
  exclude?: { terms: string[], skillKeys: string[] } | undefined
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

const FACTS_SQL = `select
  (select group_concat(alliance_id, ',') from memberships where organization_id = @org and status = 'active') as memberOf,
  (select group_concat(alliance_id, ',') from coordinator_alliances where user_id = @user) as coordinated`

type CallerFacts = { memberOf: string[], coordinated: string[] }

/** The alliances where the caller's organization is an active member and those it coordinates: one query a request. */
function callerFacts (db: Database, viewer: Viewer, params: Record<string, unknown>): CallerFacts {
  const row = prepared<{ memberOf: string | null, coordinated: string | null }>(db, FACTS_SQL).get(viewer)!
  params['memberOf'] = `,${row.memberOf ?? ''},`
  params['coordinated'] = `,${row.coordinated ?? ''},`
  return { memberOf: row.memberOf?.split(',') ?? [], coordinated: row.coordinated?.split(',') ?? [] }
}

const ALLIANCE_SQL = 'select id from alliances where code = @code'

/** The alliance id of a code (prepared once), or undefined. */
export const findAllianceIdByCode = (db: Database, code: string): string | undefined =>
  prepared<{ id: string }>(db, ALLIANCE_SQL).get({ code })?.id

const MEMBER_STATUSES: OrderStatus[] = ['open', 'evaluating', 'awarded']
const COORDINATOR_STATUSES: OrderStatus[] = ['open', 'evaluating', 'awarded', 'cancelled']

/**
 * Where a scan starts: an extra condition on an index, the statuses it can yield, whether the status
 * index must stay out of it, and (term search) the alliance whose postings drive it.
 */
type AccessPath = { condition: string | undefined, statuses?: OrderStatus[], sparse: boolean, alliance?: string }

/**
 * The scans that together hold every order a non-admin caller may see: one per alliance it belongs
 * to (open, evaluating, awarded) or coordinates (all but drafts), its own orders, and (colleges)
 * cancelled orders it bid on. Each runs on an index in id order, so a page costs the same however
 * the orders spread over alliances.
 */
function visibleAccessPaths (facts: CallerFacts, viewer: Viewer, params: Record<string, unknown>): AccessPath[] {
  const alliances = [
    ...facts.memberOf.map((id) => ({ id, via: 'member' as const })),
    ...facts.coordinated.map((id) => ({ id, via: 'coordinator' as const }))
  ]
  const paths: AccessPath[] = alliances.map((a, i) => {
    params[`a${i}`] = a.id
    return { condition: `o.alliance_id = @a${i}`, statuses: a.via === 'member' ? MEMBER_STATUSES : COORDINATOR_STATUSES, sparse: false, alliance: `@a${i}` }
  })
  if (viewer.org !== '') {
    paths.push({ condition: 'o.organization_id = @org', sparse: true })
    paths.push({ condition: "+o.status = 'cancelled' and o.id in (select bb.order_id from bids bb where bb.organization_id = @org)", statuses: ['cancelled'], sparse: true })
  }
  return paths
}

const termExists = (i: number) => `exists (select 1 from order_terms t where t.term = @t${i} and t.order_id = o.id)`

/**
 * A term search of a non-admin caller: the postings of the rarest term in each alliance the caller
 * sees (index `(term, alliance_id, order_id)`), newest first, so terms whose matches lie in other
 * alliances cost nothing; its own orders and the cancelled orders it bid on are scanned from the
 * orders side with every term checked. The visibility rule still filters every row.
 */
function termSearchScans (facts: CallerFacts, viewer: Viewer, filter: OrderListFilter, terms: string[], shared: string[], params: Record<string, unknown>): Scan[] {
  let paths = visibleAccessPaths(facts, viewer, params)
  if (filter.allianceId !== undefined) paths = paths.filter((path) => path.alliance === undefined || params[path.alliance.slice(1)] === filter.allianceId)
  return paths.map((path) => path.alliance !== undefined
    ? {
        from: `${postingsWindow(`term = @t0 and alliance_id = ${path.alliance}`, filter.beforeId)} d cross join orders o`,
        key: 'd.order_id',
        conditions: ['o.id = d.order_id', ...terms.slice(1).map((_, i) => termExists(i + 1)), ...shared],
        path,
        window: `term = @t0 and alliance_id = ${path.alliance}`
      }
    : { from: 'orders o', key: 'o.id', conditions: [...terms.map((_, i) => termExists(i)), ...shared], path })
}

type Scan = { from: string, key: string, conditions: string[], path: AccessPath, window?: string }

/** A page of orders, and (when a scan window filled before the page did) the id below which to resume. */
export type OrderListPage = { rows: OrderRow[], resumeBefore: string | undefined }

/**
 * Newest first, keyset over ids. The most selective index drives each scan in id order (a search
 * term's postings, a skill's orders, the caller's own orders, the alliance, the status); every
 * other condition, the visibility rule included, filters the rows it yields, and every scan stops
 * at the page size, so a page costs the same however many orders there are. Several scans (one per
 * alliance of the caller; stored evaluating and open past the deadline) are merged.
 */
export function listOrders (db: Database, viewer: Viewer, filter: OrderListFilter, counts: PostingCounts = new Map()): OrderListPage {
  const params: Record<string, unknown> = { ...viewer, limit: filter.limit + 1 }
  const terms = rarestFirst(db, filter.terms ?? [], counts)
  const skills = filter.skillKeys ?? []
  terms.forEach((term, i) => { params[`t${i}`] = term })
  skills.forEach((skill, i) => { params[`s${i}`] = skill })
  // Conditions every scan applies, whatever drives it (the keyset bound is added per scan key).
  const facts = viewer.admin === 1 ? { memberOf: [], coordinated: [] } : callerFacts(db, viewer, params)
  if (viewer.admin === 1) Object.assign(params, { memberOf: '', coordinated: '' })
  const shared: string[] = [VISIBLE_BY_FACTS]
  if (filter.allianceId !== undefined) {
    params['alliance'] = filter.allianceId
    shared.push('o.alliance_id = @alliance')
  }
  if (filter.beforeId !== undefined) params['before'] = filter.beforeId
  if (filter.exclude !== undefined) shared.push(...exclusion(db, filter.exclude, counts, params))
  const skillCondition = `exists (select 1 from order_skills s where s.order_id = o.id and s.skill in (${skills.map((_, i) => `@s${i}`).join(', ')}))`
  let scans: Scan[]
  if (terms.length > 0 && !filter.mine && viewer.admin === 0) {
    if (skills.length > 0) shared.push(skillCondition)
    scans = termSearchScans(facts, viewer, filter, terms, shared, params)
  } else {
    const where = [...shared]
    let from = 'orders o'
    let key = 'o.id'
    let window: string | undefined
    if (terms.length > 0 && filter.mine) {
      // The caller's own orders are few: scan them, every term checked.
      terms.forEach((_, i) => where.push(termExists(i)))
    } else if (terms.length > 0) {
      from = `${postingsWindow('term = @t0', filter.beforeId)} d cross join orders o`
      key = 'd.order_id'
      window = 'term = @t0'
      where.unshift('o.id = d.order_id')
      terms.slice(1).forEach((_, i) => where.push(termExists(i + 1)))
    } else if (skills.length === 1) {
      from = 'order_skills d cross join orders o'
      key = 'd.order_id'
      where.unshift('d.skill = @s0', 'o.id = d.order_id')
    }
    if (skills.length > 0 && !(from.startsWith('order_skills'))) where.push(skillCondition)
    let paths: AccessPath[] = [{ condition: undefined, sparse: false }]
    if (filter.mine) paths = [{ condition: 'o.organization_id = @org', sparse: true }]
    else if (viewer.admin === 0 && key === 'o.id' && filter.allianceId === undefined) paths = visibleAccessPaths(facts, viewer, params)
    scans = paths.map((path) => window === undefined ? { from, key, conditions: where, path } : { from, key, conditions: where, path, window })
  }
  if (filter.status !== undefined) scans = scans.filter(({ path }) => path.statuses === undefined || path.statuses.includes(filter.status!))
  if (scans.length === 0) return { rows: [], resumeBefore: undefined }
  const statuses = filter.status === undefined ? [undefined] : filter.status === 'evaluating' ? [STATUS_CONDITION.evaluating, EXPIRED_OPEN] : [STATUS_CONDITION[filter.status]]
  // A sparse path (the caller's own orders) keeps the planner on its index rather than the status index.
  const texts = scans.flatMap(({ from, key, conditions, path }) => statuses.map((status) => {
    const all = [...conditions]
    if (path.condition) all.push(path.condition)
    if (status) all.push(path.sparse ? status.replaceAll('o.status', '+o.status') : status)
    if (filter.beforeId !== undefined) all.push(`${key} < @before`)
    return `select ${LIST_COLUMNS} from ${from}${NAMES} where ${all.join(' and ')} order by ${key} desc limit @limit`
  }))
  const text = texts.length === 1 ? texts[0]! : `${texts.map((scan) => `select * from (${scan})`).join(' union ')} order by id desc limit @limit`
  const rows = prepared<RawOrderRow>(db, text).all(params).map(toRow)
  const floor = windowFloor(db, scans.flatMap((scan) => scan.window === undefined ? [] : [scan.window]), filter.beforeId, params)
  if (floor === undefined) return { rows, resumeBefore: undefined }
  const complete = rows.filter((row) => row.id >= floor)
  return { rows: complete, resumeBefore: complete.length > filter.limit ? undefined : floor }
}
