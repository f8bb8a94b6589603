// enterprise_records and enterprise_record_orders: each enterprise's promise-keeping totals, kept by the order and cohort writers in their transaction.
import type { Executor } from '../executor.ts'

/**
 * What an order contributes once counted: its hiring promise (an awarded order's `hiringPositions`, as in the reports)
 * and the hires of all its cohorts, whichever college trained them. `live` counts cohorts that have not ended.
 */
type OrderOutcome = { status: string, enterpriseId: string, promised: number, hired: number, cohorts: number, live: number, counted: number }

const OUTCOME_SQL = `select o.status as "status", o.organization_id as "enterpriseId", coalesce(o.hiring_positions, 0) as "promised",
  (select coalesce(sum(c.hired_count), 0) from cohorts c where c.order_id = o.id) as "hired",
  (select count(*) from cohorts c where c.order_id = o.id) as "cohorts",
  (select count(*) from cohorts c where c.order_id = o.id and c.status in ('planned', 'in_training')) as "live",
  (select count(*) from enterprise_record_orders r where r.order_id = o.id) as "counted"
  from orders o where o.id = @orderId`

// Increments of the stored row (the first one inserts it), never read and written back: the upsert's row lock makes a
// second transaction on PostgreSQL add to what the first stored.
const ADD_TO_RECORD = `insert into enterprise_records (enterprise_id, orders_awarded, promised, hired)
  values (@enterpriseId, @orders, @promised, @hired)
  on conflict (enterprise_id) do update set
    orders_awarded = enterprise_records.orders_awarded + excluded.orders_awarded,
    promised = enterprise_records.promised + excluded.promised,
    hired = enterprise_records.hired + excluded.hired`

type Delta = { enterpriseId: string, orders: number, promised: number, hired: number }

const addToRecord = (tx: Executor, delta: Delta) => tx.run(ADD_TO_RECORD, delta)

async function outcomeOf (tx: Executor, orderId: string): Promise<OrderOutcome | undefined> {
  const row = await tx.get<OrderOutcome>(OUTCOME_SQL, { orderId })
  if (!row) return undefined
  return { ...row, promised: Number(row.promised), hired: Number(row.hired), cohorts: Number(row.cohorts), live: Number(row.live), counted: Number(row.counted) }
}

/**
 * Counts the order in its enterprise's record once it is awarded and every cohort on it has ended (completed or
 * cancelled). Call it, holding the order's row, after a cohort of the order ends and after the order is awarded;
 * an order already counted, or not yet ended, is left as it is.
 */
export async function countOrderIfEnded (tx: Executor, orderId: string): Promise<void> {
  const o = await outcomeOf(tx, orderId)
  if (!o || o.status !== 'awarded' || o.cohorts === 0 || o.live > 0 || o.counted > 0) return
  await tx.run('insert into enterprise_record_orders (order_id, enterprise_id) values (@orderId, @enterpriseId)', { orderId, enterpriseId: o.enterpriseId })
  await addToRecord(tx, { enterpriseId: o.enterpriseId, orders: 1, promised: o.promised, hired: o.hired })
}

/**
 * A trainee of an ended cohort of the order was hired (after its cohort's counter moved, in this transaction): a counted
 * order adds the hire. Call it holding the order's row, so that it cannot race the order being counted.
 */
export async function addHireToEnterpriseRecord (tx: Executor, orderId: string): Promise<void> {
  const counted = await tx.get<{ enterpriseId: string }>('select enterprise_id as "enterpriseId" from enterprise_record_orders where order_id = @orderId', { orderId })
  if (counted) await addToRecord(tx, { enterpriseId: counted.enterpriseId, orders: 0, promised: 0, hired: 1 })
}

/** The order left `awarded` (a complaint upheld, holding its row): a counted order takes back what it added. */
export async function uncountOrder (tx: Executor, orderId: string): Promise<void> {
  const o = await outcomeOf(tx, orderId)
  if (!o || o.counted === 0) return
  await tx.run('delete from enterprise_record_orders where order_id = @orderId', { orderId })
  await addToRecord(tx, { enterpriseId: o.enterpriseId, orders: -1, promised: -o.promised, hired: -o.hired })
}

/** The orders a rebuild counts: awarded, with cohorts, none of them planned or in training. */
export const ENDED_AWARDED_ORDERS_SQL = `select o.id as "orderId", o.organization_id as "enterpriseId" from orders o where o.status = 'awarded'
  and exists (select 1 from cohorts c where c.order_id = o.id)
  and not exists (select 1 from cohorts c where c.order_id = o.id and c.status in ('planned', 'in_training'))`

/** Each enterprise's totals over those orders, recomputed from the orders and cohorts. */
export const EXPECTED_ENTERPRISE_RECORDS_SQL = `select o.organization_id as "enterpriseId", count(*) as "ordersAwarded",
  sum(coalesce(o.hiring_positions, 0)) as "promised",
  sum(coalesce((select sum(c.hired_count) from cohorts c where c.order_id = o.id), 0)) as "hired"
  from orders o where o.id in (select e."orderId" from (${ENDED_AWARDED_ORDERS_SQL}) e)
  group by o.organization_id order by o.organization_id`

/** Recomputes every enterprise's record from the orders and their cohorts (a bulk load or a repair, in one write transaction). */
export async function rebuildEnterpriseRecords (tx: Executor): Promise<void> {
  await tx.run('delete from enterprise_record_orders')
  await tx.run('delete from enterprise_records')
  await tx.run(`insert into enterprise_record_orders (order_id, enterprise_id) select e."orderId", e."enterpriseId" from (${ENDED_AWARDED_ORDERS_SQL}) e`)
  await tx.run(`insert into enterprise_records (enterprise_id, orders_awarded, promised, hired)
    select x."enterpriseId", x."ordersAwarded", x."promised", x."hired" from (${EXPECTED_ENTERPRISE_RECORDS_SQL}) x`)
}
