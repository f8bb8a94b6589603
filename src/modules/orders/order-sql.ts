// The SQL of order reads per engine: the visibility rule, the columns and joins; SQLite's planner hints (`+col`, CROSS JOIN) only there.
import type { Engine } from '../../../db/executor.ts'
import type { OrderStatus } from '../../../db/schema/index.ts'

export type OrderSql = {
  /** SQLite: `+column`, which keeps the planner off that column's index; PostgreSQL: the column. */
  unindexed: (column: string) => string
  /** The visibility rule by subqueries (see VISIBLE in repository.ts). */
  visible: string
  /** The visibility rule over the caller's facts (`@memberOf`, `@coordinated`). */
  visibleByFacts: string
  /** The alliance and owner names, joined once. */
  names: string
  listColumns: string
  /** One order with the caller's access flags; `findForWrite` also locks the order row on PostgreSQL. */
  find: string
  findForWrite: string
  /** The caller's alliances as ',id,id,' lists. */
  facts: string
  /** The cancelled orders the caller's organization bid on (an access path of listOrders). */
  cancelledBidOn: string
  status: Record<OrderStatus, string>
  /** Open past the deadline, reading as evaluating (enough bids) or unsuccessful (too few): the second scan of those statuses. */
  expiredOpen: Partial<Record<OrderStatus, string>>
}

/** Fewer submitted bids than the order's minBids: closing bidding makes it unsuccessful (needs_confirmation bids lapse, so they do not count). */
const TOO_FEW_BIDS = "(select count(*) from bids tb where tb.order_id = o.id and tb.status = 'submitted') < o.min_bids"

/** The status as everybody reads it: open past its deadline is evaluating, or unsuccessful with too few bids. */
const EFFECTIVE_STATUS = `case when o.status = 'open' and o.bid_deadline <= @now then (case when ${TOO_FEW_BIDS} then 'unsuccessful' else 'evaluating' end) else o.status end`

/** Coordinates the order's alliance. */
const COORDINATES = 'exists (select 1 from coordinator_alliances ca where ca.user_id = @user and ca.alliance_id = o.alliance_id)'

const columns = (privileged: string) => `o.id, o.alliance_id as "allianceId", a.code as "allianceCode",
  o.organization_id as "organizationId", g.name as "organizationName",
  o.status as "storedStatus", ${EFFECTIVE_STATUS} as status,
  o.title, o.occupation, o.description, o.skills, o.headcount, o.location,
  o.training_start as "trainingStart", o.training_end as "trainingEnd", o.bid_deadline as "bidDeadline",
  o.budget_per_trainee as "budgetPerTrainee", o.hiring_positions as "hiringPositions",
  o.monthly_salary_min as "monthlySalaryMin", o.monthly_salary_max as "monthlySalaryMax",
  o.min_bids as "minBids", o.question_deadline as "questionDeadline",
  o.cancel_reason as "cancelReason", o.published_at as "publishedAt", o.bidding_closed_at as "biddingClosedAt",
  o.created_at as "createdAt", o.updated_at as "updatedAt",
  ${privileged} as privileged`

function build (engine: Engine): OrderSql {
  const sqlite = engine === 'sqlite'
  const unindexed = (column: string) => sqlite ? `+${column}` : column
  /** Bid on the order (cancelled orders stay visible to the colleges that bid); SQLite's `+` keeps the plan on bids_order_id_idx. */
  const bidOn = `exists (select 1 from bids b where b.order_id = o.id and ${unindexed('b.organization_id')} = @org)`
  // SQLite: CROSS JOIN keeps the order table, and the scan driving it, first.
  const join = sqlite ? 'cross join' : 'join'
  const names = ` ${join} alliances a on a.id = o.alliance_id ${join} organizations g on g.id = o.organization_id`
  /** `@memberOf` / `@coordinated`: the caller's alliance ids as ',id,id,' (see callerFacts). */
  const inList = (list: string) => `${sqlite ? 'instr' : 'strpos'}(${list}, ',' || o.alliance_id || ',') > 0`
  const concat = (column: string) => sqlite ? `group_concat(${column}, ',')` : `string_agg(${column}, ',')`
  // One statement: the order, its names, and the caller's coordinator and membership rows (each at most one, by unique index).
  const find = `select ${columns('(@admin = 1 or o.organization_id = @org or ca.user_id is not null)')},
  (@admin = 1
    or o.organization_id = @org
    or (o.status <> 'draft' and ca.user_id is not null)
    or (o.status in ('open', 'evaluating', 'awarded', 'unsuccessful') and m.alliance_id is not null)
    or (o.status = 'cancelled' and ${bidOn})) as visible,
  ca.user_id is not null as coordinates
  from orders o${names}
  left join coordinator_alliances ca on ca.user_id = @user and ca.alliance_id = o.alliance_id
  left join memberships m on m.organization_id = @org and m.alliance_id = o.alliance_id and m.status = 'active'
  where o.id = @id`
  return {
    unindexed,
    visible: `(@admin = 1
  or o.organization_id = @org
  or (o.status <> 'draft' and ${COORDINATES})
  or (o.status in ('open', 'evaluating', 'awarded', 'unsuccessful') and exists (select 1 from memberships m
        where m.organization_id = @org and m.alliance_id = o.alliance_id and m.status = 'active'))
  or (o.status = 'cancelled' and ${bidOn}))`,
    visibleByFacts: `(@admin = 1
  or o.organization_id = @org
  or (o.status <> 'draft' and ${inList('@coordinated')})
  or (o.status in ('open', 'evaluating', 'awarded', 'unsuccessful') and ${inList('@memberOf')})
  or (o.status = 'cancelled' and ${bidOn}))`,
    names,
    listColumns: columns(`(@admin = 1 or o.organization_id = @org or ${inList('@coordinated')})`),
    find,
    // Only the order row (`of o`): the outer joins' rows cannot be locked, and the names need no lock.
    findForWrite: sqlite ? find : `${find} for update of o`,
    facts: `select
  (select ${concat('alliance_id')} from memberships where organization_id = @org and status = 'active') as "memberOf",
  (select ${concat('alliance_id')} from coordinator_alliances where user_id = @user) as coordinated`,
    cancelledBidOn: `${unindexed('o.status')} = 'cancelled' and o.id in (select bb.order_id from bids bb where bb.organization_id = @org)`,
    // SQLite: `+o.bid_deadline` keeps the planner on the (status, id) index, so rows come in id order without a sort.
    status: {
      draft: "o.status = 'draft'",
      open: `o.status = 'open' and ${unindexed('o.bid_deadline')} > @now`,
      evaluating: "o.status = 'evaluating'",
      awarded: "o.status = 'awarded'",
      cancelled: "o.status = 'cancelled'",
      unsuccessful: "o.status = 'unsuccessful'"
    },
    expiredOpen: {
      evaluating: `o.status = 'open' and ${unindexed('o.bid_deadline')} <= @now and not ${TOO_FEW_BIDS}`,
      unsuccessful: `o.status = 'open' and ${unindexed('o.bid_deadline')} <= @now and ${TOO_FEW_BIDS}`
    }
  }
}

const BY_ENGINE: Record<Engine, OrderSql> = { sqlite: build('sqlite'), postgres: build('postgres') }

/** The order read SQL of an engine (built once, so each text is the same string every request). */
export const orderSql = (engine: Engine): OrderSql => BY_ENGINE[engine]
