// Order queries: the visibility rule as SQL (shared by point reads and lists), keyset lists and search.
import type { Engine, Executor } from '../../../db/executor.ts'
import type { OrderStatus, orders } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { orderSql, type OrderSql } from './order-sql.ts'
import { termScan } from './search-select.ts'
import { searchPageIds, type SearchScan } from './search-walk.ts'
import { bidderToken, organizationToken } from './search-terms.ts'

/** The caller as SQL parameters: `@user`, `@org` ('' without an organization), `@admin`, `@now`. */
export type Viewer = { user: string, org: string, admin: 0 | 1, now: string }

export const viewerOf = (actor: Actor, now: Date): Viewer => ({
  user: actor.userId,
  org: actor.organizationId ?? '',
  admin: actor.role === 'admin' ? 1 : 0,
  now: now.toISOString()
})

/**
 * Who sees an order: drafts the owner and admins; open, evaluating and awarded orders the active
 * members of the alliance, its coordinators and admins; cancelled ones the owner, coordinators,
 * admins and the colleges that bid on it. The owner always sees its own. (The rule by subqueries; lists and
 * point reads evaluate the same rule over the caller's facts, `visibleByFacts` and `find` of order-sql.ts.)
 */
export const visibleRule = (engine: Engine): string => orderSql(engine).visible

type RawOrderRow = Omit<OrderRow, 'skills' | 'privileged' | 'visible' | 'coordinates'> & { skills: string, privileged: 0 | 1 }

/** The stored columns the read returns, typed from the schema. */
type OrderColumns = Pick<typeof orders.$inferSelect,
  'id' | 'allianceId' | 'organizationId' | 'title' | 'occupation' | 'description' | 'skills' | 'headcount' |
  'location' | 'trainingStart' | 'trainingEnd' | 'bidDeadline' | 'budgetPerTrainee' | 'hiringPositions' |
  'monthlySalaryMin' | 'monthlySalaryMax' | 'minBids' | 'questionDeadline' | 'cancelReason' | 'publishedAt' | 'biddingClosedAt' | 'createdAt' | 'updatedAt'>

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

type AccessRow = RawOrderRow & { visible: 0 | 1, coordinates: 0 | 1 }

const toAccess = (raw: AccessRow | undefined): OrderAccess | undefined => {
  if (!raw) return undefined
  const { visible, coordinates, ...rest } = raw
  return { ...toRow(rest), visible: visible === 1, coordinates: coordinates === 1 }
}

/** One order with the caller's access flags, visible or not (for deciding 404 versus 403). */
export async function findOrderAccess (ex: Executor, id: string, viewer: Viewer): Promise<OrderAccess | undefined> {
  return toAccess(await ex.get<AccessRow>(orderSql(ex.engine).find, { ...viewer, id }))
}

/**
 * findOrderAccess inside a write transaction that acts on the order: on PostgreSQL the order row is
 * locked (`for update`) until the transaction ends, so concurrent writers on one order run one after
 * the other; SQLite has one writer and needs no lock.
 */
export async function lockOrderAccess (tx: Executor, id: string, viewer: Viewer): Promise<OrderAccess | undefined> {
  return toAccess(await tx.get<AccessRow>(orderSql(tx.engine).findForWrite, { ...viewer, id }))
}

/** One order the caller may see, or undefined (absent and invisible look the same). */
export async function findVisibleOrder (ex: Executor, id: string, viewer: Viewer): Promise<OrderRow | undefined> {
  const found = await findOrderAccess(ex, id, viewer)
  return found?.visible ? found : undefined
}

export type OrderFigures = { bidCount: number, seatsProposed: number, seatsApproved: number }

const FIGURES_SQL = `select
  (select count(*) from bids b where b.order_id = @id and b.status not in ('withdrawn', 'lapsed')
    and not (@expired = 1 and b.status = 'needs_confirmation')) as "bidCount",
  (select coalesce(sum(m.seats), 0) from matches m where m.order_id = @id and m.status = 'proposed') as "seatsProposed",
  (select coalesce(sum(m.seats), 0) from matches m where m.order_id = @id and m.status = 'approved') as "seatsApproved"`

/**
 * Bids neither withdrawn nor lapsed, and proposed/approved seats of an order. `expired`: open past its deadline, not yet
 * stored as closed, so its bids still waiting for confirmation read as lapsed and are not counted either.
 */
export const orderFigures = async (ex: Executor, id: string, expired: boolean): Promise<OrderFigures> =>
  (await ex.get<OrderFigures>(FIGURES_SQL, { id, expired: expired ? 1 : 0 }))!

export type OrderListFilter = {
  status?: OrderStatus | undefined
  allianceId?: string | undefined
  skillKeys?: string[] | undefined
  /** A term search: the orders holding every term of one of these sets (search terms, search-terms.ts). */
  termSets?: string[][] | undefined
  mine?: boolean | undefined
  beforeId?: string | undefined
  /** Leave out the orders another search already found: those holding every term of one of these sets. */
  exclude?: string[][] | undefined
  limit: number
}

type CallerFacts = { memberOf: string[], coordinated: string[] }

/** The alliances where the caller's organization is an active member and those it coordinates: one query a request. */
async function callerFacts (ex: Executor, viewer: Viewer, params: Record<string, unknown>): Promise<CallerFacts> {
  const row = (await ex.get<{ memberOf: string | null, coordinated: string | null }>(orderSql(ex.engine).facts, viewer))!
  params['memberOf'] = `,${row.memberOf ?? ''},`
  params['coordinated'] = `,${row.coordinated ?? ''},`
  return { memberOf: row.memberOf?.split(',') ?? [], coordinated: row.coordinated?.split(',') ?? [] }
}

const ALLIANCE_SQL = 'select id from alliances where code = @code'
const ALL_ALLIANCES_SQL = 'select id from alliances order by id'

/**
 * Alliance ids by code, per executor: an alliance is never renamed or deleted, so a code once found keeps its id
 * in every process; a code not found is asked again (another process may create it).
 */
const allianceIds = new WeakMap<Executor, Map<string, string>>()

/** The alliance id of a code, or undefined. */
export async function findAllianceIdByCode (ex: Executor, code: string): Promise<string | undefined> {
  const known = allianceIds.get(ex)?.get(code)
  if (known !== undefined) return known
  const id = (await ex.get<{ id: string }>(ALLIANCE_SQL, { code }))?.id
  if (id === undefined) return undefined
  let cache = allianceIds.get(ex)
  if (!cache) allianceIds.set(ex, cache = new Map())
  cache.set(code, id)
  return id
}

const MEMBER_STATUSES: OrderStatus[] = ['open', 'evaluating', 'awarded', 'unsuccessful']
const COORDINATOR_STATUSES: OrderStatus[] = ['open', 'evaluating', 'awarded', 'cancelled', 'unsuccessful']

/**
 * Where a scan starts: an extra condition on an index, the statuses it can yield, whether the status index
 * must stay out of it; for a term search, the alliance whose terms the index reads (its postings: allianceTerm),
 * or the token that stands for the condition in the index (the owner's, a bidder's).
 */
type AccessPath = { condition: string | undefined, statuses?: OrderStatus[], sparse: boolean, alliance?: string | undefined, token?: string }

/**
 * The scans that together hold every order a non-admin caller may see: one per alliance it belongs
 * to (open, evaluating, awarded) or coordinates (all but drafts), its own orders, and (colleges)
 * cancelled orders it bid on. Each runs on an index in id order, so a page costs the same however
 * the orders spread over alliances.
 */
function visibleAccessPaths (sql: OrderSql, facts: CallerFacts, viewer: Viewer, params: Record<string, unknown>): AccessPath[] {
  const alliances = [
    ...facts.memberOf.map((id) => ({ id, via: 'member' as const })),
    ...facts.coordinated.map((id) => ({ id, via: 'coordinator' as const }))
  ]
  const paths: AccessPath[] = alliances.map((a, i) => {
    params[`a${i}`] = a.id
    return { condition: `o.alliance_id = @a${i}`, statuses: a.via === 'member' ? MEMBER_STATUSES : COORDINATOR_STATUSES, sparse: false, alliance: a.id }
  })
  if (viewer.org !== '') {
    paths.push(ownOrdersPath(viewer))
    paths.push({ condition: sql.cancelledBidOn, statuses: ['cancelled'], sparse: true, token: bidderToken(viewer.org) })
  }
  return paths
}

/** The caller's own orders. */
const ownOrdersPath = (viewer: Viewer): AccessPath =>
  ({ condition: 'o.organization_id = @org', sparse: true, token: organizationToken(viewer.org) })

type Scan = { from: string, order: string, bound: string, conditions: string[], path: AccessPath }

/** A page of orders, newest first: `limit + 1` rows tell whether the list goes on. */
export type OrderListPage = { rows: OrderRow[] }

/**
 * Newest first, keyset over ids. The most selective index drives each scan in id order (a skill's
 * orders, the caller's own orders, the alliance, the status); every other condition, the visibility
 * rule included, filters the rows it yields, and every scan stops at the page size. Several scans
 * (one per alliance of the caller; stored evaluating and open past the deadline) are merged. A term
 * search runs on the engine's full-text index (FTS5 on SQLite, GIN on PostgreSQL) with the visibility
 * rule and the filters in the same statement: per alliance of the caller one scan on that alliance's
 * postings (allianceTerm: a term common elsewhere costs nothing), one on its own orders (the owner's token,
 * every alliance's postings), and one on the cancelled orders it bid on (its bidder token, ditto); an
 * admin's scan reads every alliance's postings.
 */
export async function listOrders (ex: Executor, viewer: Viewer, filter: OrderListFilter): Promise<OrderListPage> {
  const sql = orderSql(ex.engine)
  const params: Record<string, unknown> = { ...viewer, limit: filter.limit + 1 }
  const termSets = filter.termSets ?? []
  const skills = filter.skillKeys ?? []
  skills.forEach((skill, i) => { params[`s${i}`] = skill })
  // Conditions every scan applies, whatever drives it (the keyset bound is added per scan key).
  const facts = viewer.admin === 1 ? { memberOf: [], coordinated: [] } : await callerFacts(ex, viewer, params)
  if (viewer.admin === 1) Object.assign(params, { memberOf: '', coordinated: '' })
  const where: string[] = [sql.visibleByFacts]
  if (filter.allianceId !== undefined) {
    params['alliance'] = filter.allianceId
    where.push('o.alliance_id = @alliance')
  }
  if (filter.beforeId !== undefined) params['before'] = filter.beforeId
  const searching = termSets.length > 0
  const skillDriven = skills.length === 1 && !searching
  let driver = { from: 'orders o', order: 'o.id desc', bound: 'o.id < @before' }
  if (skillDriven) {
    driver = { from: 'order_skills d cross join orders o', order: 'd.order_id desc', bound: 'd.order_id < @before' }
    where.unshift('d.skill = @s0', 'o.id = d.order_id')
  } else if (skills.length > 0) {
    where.push(`exists (select 1 from order_skills s where s.order_id = o.id and s.skill in (${skills.map((_, i) => `@s${i}`).join(', ')}))`)
  }
  let paths: AccessPath[] = [{ condition: undefined, sparse: false }]
  if (filter.mine) paths = [ownOrdersPath(viewer)]
  // A term search: the full-text index drives, on the postings of the alliance each path reads (all of them for an admin).
  else if (searching && filter.allianceId !== undefined) paths = [{ condition: undefined, sparse: true, alliance: filter.allianceId }]
  else if (searching && viewer.admin === 1) paths = [{ condition: undefined, sparse: true }]
  else if (searching) paths = visibleAccessPaths(sql, facts, viewer, params).map((path) => ({ ...path, sparse: true }))
  else if (viewer.admin === 0 && !skillDriven && filter.allianceId === undefined) paths = visibleAccessPaths(sql, facts, viewer, params)
  // Paths not confined to one alliance read every alliance's postings.
  const readsEveryAlliance = searching && paths.some((p) => p.alliance === undefined)
  const everyAlliance = readsEveryAlliance ? (await ex.all<{ id: string }>(ALL_ALLIANCES_SQL)).map((r) => r.id) : []
  if (readsEveryAlliance && everyAlliance.length === 0) return { rows: [] }
  const scanOf = (path: AccessPath, i: number): Scan => {
    if (!searching) return { ...driver, conditions: where, path }
    const alliances = path.alliance === undefined ? everyAlliance : [path.alliance]
    const scan = termScan(ex.engine, `terms${i}`, { match: { alliances, sets: termSets }, within: path.token, excluded: filter.exclude }, params)
    // The index stands for the path's own condition (its alliance's postings, its token); the visibility rule still holds in `where`.
    // PostgreSQL keeps the alliance's condition: it is what the scan walks newest first (pgSearchPage), GIN giving no order.
    const kept = ex.engine === 'postgres' && path.alliance !== undefined ? path.condition : undefined
    return { from: scan.from, order: scan.order, bound: scan.bound, conditions: [...scan.conditions, ...where], path: { ...path, condition: kept } }
  }
  let scans: Scan[] = paths.map(scanOf)
  if (filter.status !== undefined) scans = scans.filter(({ path }) => path.statuses === undefined || path.statuses.includes(filter.status!))
  if (scans.length === 0) return { rows: [] }
  const expired = filter.status === undefined ? undefined : sql.expiredOpen[filter.status]
  const statuses = filter.status === undefined ? [undefined] : [sql.status[filter.status], ...(expired === undefined ? [] : [expired])]
  if (searching && ex.engine === 'postgres') return await pgSearchPage(ex, sql, scans, statuses, filter, params)
  // A sparse path (the caller's own orders, a term search) keeps the planner on its index rather than the status index.
  const texts = scans.flatMap(({ from, order, bound, conditions, path }) => statuses.map((status) => {
    const all = [...conditions]
    if (path.condition) all.push(path.condition)
    if (status) all.push(path.sparse ? status.replaceAll('o.status', sql.unindexed('o.status')) : status)
    if (filter.beforeId !== undefined) all.push(bound)
    return `select ${sql.listColumns} from ${from}${sql.names} where ${all.join(' and ')} order by ${order} limit @limit`
  }))
  const text = texts.length === 1 ? texts[0]! : `${texts.map((scan, i) => `select * from (${scan}) as s${i}`).join(' union ')} order by id desc limit @limit`
  return { rows: (await ex.all<RawOrderRow>(text, params)).map(toRow) }
}

/**
 * A term search on PostgreSQL: the page's ids by bounded scans (search-walk.ts: an alliance's newest orders
 * walked first, the GIN index below them only when they held too few), then its rows with their names, by id.
 * The rows are read with the visibility rule again, so an order that changed in between is never shown to
 * a caller who may no longer see it.
 */
async function pgSearchPage (ex: Executor, sql: OrderSql, scans: Scan[], statuses: (string | undefined)[], filter: OrderListFilter, params: Record<string, unknown>): Promise<OrderListPage> {
  const searchScans: SearchScan[] = scans.flatMap(({ conditions, bound, path }) => statuses.map((status) => {
    const keyset = filter.beforeId === undefined ? [] : [bound]
    const all = [...conditions, ...(path.condition ? [path.condition] : []), ...(status ? [status] : []), ...keyset]
    // A token makes the scan sparse: the index answers it. Otherwise the scan walks its alliance (its status) newest first.
    const alliance = path.condition ?? (filter.allianceId === undefined ? 'true' : 'o.alliance_id = @alliance')
    const walk = path.token !== undefined ? undefined : [alliance, ...(status ? [status] : []), ...keyset].join(' and ')
    return { conditions: all, walk }
  }))
  const ids = await searchPageIds(ex, searchScans, params, filter.limit + 1)
  if (ids.length === 0) return { rows: [] }
  const text = `select ${sql.listColumns} from orders o${sql.names} where o.id = any(cast(@ids as text[])) and ${sql.visibleByFacts} order by o.id desc`
  return { rows: (await ex.all<RawOrderRow>(text, { ...params, ids })).map(toRow) }
}
