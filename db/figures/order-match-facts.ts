// order_match_facts, the college feed's copy of each order: one function builds the row, the order writers upsert it in their transaction.
import { eq } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { orders, orderSkills } from '../schema/index.ts'

/** Separates the keys in order_match_facts.keys (U+001F, which normalised tags never contain); the list starts and ends with one. */
export const KEY_SEPARATOR = '\u001f'

/** The order columns the facts copy. */
export type MatchFactsOrder = Pick<typeof orders.$inferSelect, 'id' | 'allianceId' | 'organizationId' | 'status' | 'bidDeadline' | 'headcount' | 'trainingStart' | 'trainingEnd'>

/** One skill key of the order with its vocabulary bit (null: unknown to the vocabulary, or past 63 skills). */
export type MatchFactsKey = { skill: string, bit: number | null }

export type MatchFactsRow = {
  orderId: string
  allianceId: string
  enterpriseId: string
  status: string
  bidDeadline: string
  deadlineDay: number
  headcount: number
  trainingStart: string
  trainingEnd: string
  keyCount: number
  keys: string
  /** OR of the keys' bits: a bigint, bit 62 is past Number's exact range. */
  skillBits: bigint
}

/** The Julian day of an instant, as SQLite's julianday() computes it (milliseconds since -4713-11-24T12:00Z over a day). */
export const julianDayOf = (iso: string): number => (Date.parse(iso) + 210_866_760_000_000) / 86_400_000

/** The facts row of an order and its skill keys (in the order given). */
export function buildMatchFacts (order: MatchFactsOrder, keys: readonly MatchFactsKey[]): MatchFactsRow {
  let skillBits = 0n
  for (const key of keys) if (key.bit !== null) skillBits |= 1n << BigInt(key.bit)
  return {
    orderId: order.id,
    allianceId: order.allianceId,
    enterpriseId: order.organizationId,
    status: order.status,
    bidDeadline: order.bidDeadline,
    deadlineDay: julianDayOf(order.bidDeadline),
    headcount: order.headcount,
    trainingStart: order.trainingStart,
    trainingEnd: order.trainingEnd,
    keyCount: keys.length,
    keys: KEY_SEPARATOR + keys.map((k) => k.skill + KEY_SEPARATOR).join(''),
    skillBits
  }
}

const UPSERT_SQL = `insert into order_match_facts (order_id, alliance_id, enterprise_id, status, bid_deadline, deadline_day, headcount, training_start, training_end, key_count, keys, skill_bits)
  values (@orderId, @allianceId, @enterpriseId, @status, @bidDeadline, @deadlineDay, @headcount, @trainingStart, @trainingEnd, @keyCount, @keys, @skillBits)
  on conflict (order_id) do update set alliance_id = excluded.alliance_id, enterprise_id = excluded.enterprise_id, status = excluded.status, bid_deadline = excluded.bid_deadline,
    deadline_day = excluded.deadline_day, headcount = excluded.headcount, training_start = excluded.training_start,
    training_end = excluded.training_end, key_count = excluded.key_count, keys = excluded.keys, skill_bits = excluded.skill_bits`

const CHUNK = 500

// Raw texts (every order write refreshes its facts): drizzle's builder cost more than these indexed reads.
const ORDERS_SQL = (list: string) => `select id, alliance_id as "allianceId", organization_id as "organizationId", status, bid_deadline as "bidDeadline", headcount,
  training_start as "trainingStart", training_end as "trainingEnd" from orders where id in (${list})`
const KEYS_SQL = (list: string) => `select os.order_id as "orderId", os.skill as "skill", s.bit as "bit" from order_skills os
  left join skills s on s.tag = os.skill where os.order_id in (${list}) order by os.order_id, os.skill`

/**
 * The facts rows the base tables give for these orders (keys in code-point order, the same on both engines),
 * and the ids among them that no longer exist.
 */
export async function expectedMatchFacts (ex: Executor, orderIds: readonly string[]): Promise<{ rows: MatchFactsRow[], missing: string[] }> {
  const rows: MatchFactsRow[] = []
  const missing: string[] = []
  const ids = [...new Set(orderIds)]
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const list = chunk.map(() => '?').join(', ')
    const found = await ex.all<MatchFactsOrder>(ORDERS_SQL(list), chunk)
    const keyRows = await ex.all<{ orderId: string, skill: string, bit: number | null }>(KEYS_SQL(list), chunk)
    const keysOf = new Map<string, MatchFactsKey[]>()
    for (const k of keyRows) keysOf.set(k.orderId, [...(keysOf.get(k.orderId) ?? []), { skill: k.skill, bit: k.bit }])
    const present = new Set(found.map((o) => o.id))
    for (const order of found) rows.push(buildMatchFacts(order, keysOf.get(order.id) ?? []))
    missing.push(...chunk.filter((id) => !present.has(id)))
  }
  return { rows, missing }
}

/** Writes one built row (insert, or update of the order's row). */
export async function upsertMatchFacts (tx: Executor, row: MatchFactsRow): Promise<void> {
  await tx.run(UPSERT_SQL, row)
}

/**
 * Rebuilds the facts of these orders from the order rows, their skill keys and the keys' bits; call it in the
 * transaction that wrote them, after the write. The facts of an order that no longer exists are deleted.
 */
export async function refreshMatchFacts (tx: Executor, orderIds: readonly string[]): Promise<void> {
  const { rows, missing } = await expectedMatchFacts(tx, orderIds)
  for (const row of rows) await upsertMatchFacts(tx, row)
  if (missing.length > 0) await tx.run(`delete from order_match_facts where order_id in (${missing.map(() => '?').join(', ')})`, missing)
}

/** Rebuilds the facts of every order tagged with the skill key (after the key gets a vocabulary bit). */
export async function refreshMatchFactsOfSkill (tx: Executor, skill: string): Promise<void> {
  const tagged = await tx.orm.select({ orderId: orderSkills.orderId }).from(orderSkills).where(eq(orderSkills.skill, skill)).all()
  await refreshMatchFacts(tx, tagged.map((r) => r.orderId))
}

/** Rebuilds the facts of every order, a page at a time, and drops those of orders gone (after a bulk load that bypassed the code). */
export async function rebuildMatchFacts (tx: Executor, page = 1000): Promise<number> {
  let after = ''
  let count = 0
  for (;;) {
    const ids = (await tx.all<{ id: string }>('select id from orders where id > ? order by id limit ?', [after, page])).map((r) => r.id)
    if (ids.length === 0) break
    await refreshMatchFacts(tx, ids)
    after = ids[ids.length - 1]!
    count += ids.length
  }
  await tx.run('delete from order_match_facts where not exists (select 1 from orders o where o.id = order_match_facts.order_id)')
  return count
}
