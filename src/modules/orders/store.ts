// Order writes: the row, its search terms and its skill keys, kept in step inside one transaction.
import { and, eq, getTableColumns } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { orders, type OrderStatus } from '../../../db/schema/index.ts'
import { skillKeys } from '../skills/index.ts'
import { orderSearchTerms, type SearchableOrder } from './search-terms.ts'
import { refreshMatchFacts } from '../../../db/figures/order-match-facts.ts'
import { newId } from '../../lib/ids.ts'

export type OrderInsert = typeof orders.$inferInsert
export type OrderChanges = Partial<Omit<OrderInsert, 'id' | 'allianceId' | 'organizationId' | 'createdBy' | 'createdAt'>>

const CHUNK = 400

async function inChunks<T> (rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

/**
 * An order's terms per engine: SQLite's FTS5 row (rowid = the order's search key, db/sqlite/search-key.ts; its
 * terms joined by spaces; its id), PostgreSQL's array column.
 */
const SEARCH_TERMS_SQL = {
  sqlite: 'insert or replace into order_search (rowid, terms, order_id) values (order_search_key(@id), @terms, @id)',
  postgres: 'update orders set search_terms = cast(@terms as text[]) where id = @id'
} as const

/** The order's search terms as its engine stores them. */
export const storedTerms = (tx: Executor, terms: string[]): string | string[] => tx.engine === 'sqlite' ? terms.join(' ') : terms

/** Rewrites the search terms of an order from its title, occupation, description, skill tags, alliance, owner (and bidders). */
export async function indexOrderText (tx: Executor, orderId: string, order: SearchableOrder): Promise<void> {
  await tx.run(SEARCH_TERMS_SQL[tx.engine], { id: orderId, terms: storedTerms(tx, orderSearchTerms(order)) })
}

/** The stored order fields its search terms come from. */
export type SearchableColumns = Omit<SearchableOrder, 'description' | 'bidders'> & { description?: string | null | undefined }

/** An order's searchable fields as stored (no description is an empty one); `bidders` only for a cancelled order. */
export const searchableOf = (order: SearchableColumns, bidders: readonly string[] = []): SearchableOrder => ({
  allianceId: order.allianceId,
  organizationId: order.organizationId,
  title: order.title,
  occupation: order.occupation,
  description: order.description ?? '',
  skills: order.skills,
  bidders
})

const BIDDERS_SQL = (count: number) =>
  `select distinct order_id as "orderId", organization_id as "organizationId" from bids where order_id in (${Array.from({ length: count }, () => '?').join(', ')})`

/** The colleges that bid on each of the orders (withdrawn bids too: the bidders of a cancelled order keep seeing it). */
export async function biddersOf (tx: Executor, orderIds: readonly string[]): Promise<Map<string, string[]>> {
  const byOrder = new Map<string, string[]>()
  await inChunks([...orderIds], async (chunk) => {
    for (const row of await tx.all<{ orderId: string, organizationId: string }>(BIDDERS_SQL(chunk.length), chunk)) {
      byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row.organizationId])
    }
  })
  return byOrder
}

// SQL texts for the order writes, built once: drizzle's builder cost more per create than the SQL it builds.
const ORDER_COLUMNS = Object.entries(getTableColumns(orders))
const insertTexts = new Map<string, string>()

/**
 * The insert of an order row, built from the schema's columns (the ones the row sets, so the others keep
 * their defaults) and cached per set of columns; values mapped as drizzle maps them (JSON for `skills`).
 */
function insertOrderStatement (row: OrderInsert): { text: string, params: Record<string, unknown> } {
  const params: Record<string, unknown> = {}
  const names: string[] = []
  for (const [key, column] of ORDER_COLUMNS) {
    const value = row[key as keyof OrderInsert]
    if (value === undefined) continue
    params[key] = value === null ? null : column.mapToDriverValue(value)
    names.push(key)
  }
  const shape = names.join(',')
  let text = insertTexts.get(shape)
  if (text === undefined) {
    const columns = names.map((key) => orders[key as keyof typeof orders.$inferSelect].name)
    text = `insert into orders (${columns.join(', ')}) values (${names.map((key) => `@${key}`).join(', ')})`
    insertTexts.set(shape, text)
  }
  return { text, params }
}

const DELETE_ORDER_SKILLS = 'delete from order_skills where order_id = ?'
const insertOrderSkillsSql = (count: number) => `insert into order_skills (skill, order_id) values ${Array.from({ length: count }, () => '(?, ?)').join(', ')}`

/** Rewrites the skill keys an order is filtered by, and its matching facts (which list them). */
export async function indexOrderSkills (tx: Executor, orderId: string, skills: readonly string[]): Promise<void> {
  await tx.run(DELETE_ORDER_SKILLS, [orderId])
  await writeOrderSkills(tx, orderId, skills)
}

/** Writes the skill keys and matching facts of an order that has no keys yet. */
async function writeOrderSkills (tx: Executor, orderId: string, skills: readonly string[]): Promise<void> {
  const keys = [...new Set(await skillKeys(tx, skills))]
  await inChunks(keys, (chunk) => tx.run(insertOrderSkillsSql(chunk.length), chunk.flatMap((skill) => [skill, orderId])))
  await refreshMatchFacts(tx, [orderId])
}

const KEY_TAKEN_SQL = 'select 1 as taken from order_search where rowid = order_search_key(@id)'

/**
 * The row's id, or (SQLite, when another order already holds its search key: ids made by another process
 * within the same millisecond and counter, after a clock step back) a newer id whose key is free.
 */
async function idWithFreeKey (tx: Executor, id: string): Promise<string> {
  if (tx.engine !== 'sqlite') return id
  while (await tx.get(KEY_TAKEN_SQL, { id }) !== undefined) id = newId()
  return id
}

/** Inserts the order with its search terms, skill keys and matching facts (a new order has no keys to delete); returns its id. */
export async function insertOrder (tx: Executor, proposed: OrderInsert): Promise<string> {
  const row = { ...proposed, id: await idWithFreeKey(tx, proposed.id) }
  const { text, params } = insertOrderStatement(row)
  await tx.run(text, params)
  await indexOrderText(tx, row.id, searchableOf(row))
  await writeOrderSkills(tx, row.id, row.skills)
  return row.id
}

/** The order columns order_match_facts copies: a change of one rewrites the facts. */
const FACT_COLUMNS = ['status', 'bidDeadline', 'headcount', 'trainingStart', 'trainingEnd'] as const

/** Updates an order that is still in `expected` status (and its matching facts); returns whether it was. */
export async function updateOrder (tx: Executor, id: string, expected: OrderStatus, changes: OrderChanges): Promise<boolean> {
  const updated = await tx.orm.update(orders).set(changes).where(and(eq(orders.id, id), eq(orders.status, expected))).returning({ id: orders.id })
  if (updated.length === 1 && FACT_COLUMNS.some((column) => changes[column] !== undefined)) await refreshMatchFacts(tx, [id])
  return updated.length === 1
}
