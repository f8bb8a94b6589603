// Order writes: the row, its search terms and its skill keys, kept in step inside one transaction.
import { and, eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { orders, orderSkills, type OrderStatus } from '../../../db/schema/index.ts'
import { skillKeys } from '../skills/index.ts'
import { indexTerms } from './search-terms.ts'
import { refreshMatchFacts } from '../../../db/figures/order-match-facts.ts'

export type OrderInsert = typeof orders.$inferInsert
export type OrderChanges = Partial<Omit<OrderInsert, 'id' | 'allianceId' | 'organizationId' | 'createdBy' | 'createdAt'>>

const CHUNK = 400

async function insertChunked<T> (rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

/** An order's terms per engine: SQLite's FTS5 row (rowid = the order's rowid, terms joined by spaces); PostgreSQL's array column. */
const SEARCH_TERMS_SQL = {
  sqlite: 'insert or replace into order_search (rowid, terms) select rowid, @terms from orders where id = @id',
  postgres: 'update orders set search_terms = cast(@terms as text[]) where id = @id'
} as const

/** The order's search terms as its engine stores them. */
export const storedTerms = (tx: Executor, terms: string[]): string | string[] => tx.engine === 'sqlite' ? terms.join(' ') : terms

/** Rewrites the search terms of an order from its title, occupation and description. */
export async function indexOrderText (tx: Executor, orderId: string, text: { title: string, occupation: string, description: string }): Promise<void> {
  const terms = indexTerms(text.title, text.occupation, text.description)
  await tx.run(SEARCH_TERMS_SQL[tx.engine], { id: orderId, terms: storedTerms(tx, terms) })
}

/** Rewrites the skill keys an order is filtered by, and its matching facts (which list them). */
export async function indexOrderSkills (tx: Executor, orderId: string, skills: readonly string[]): Promise<void> {
  await tx.orm.delete(orderSkills).where(eq(orderSkills.orderId, orderId)).run()
  const rows = [...new Set(await skillKeys(tx, skills))].map((skill) => ({ skill, orderId }))
  await insertChunked(rows, (chunk) => tx.orm.insert(orderSkills).values(chunk).run())
  await refreshMatchFacts(tx, [orderId])
}

/** Inserts the order with its search terms, skill keys and matching facts (written by indexOrderSkills). */
export async function insertOrder (tx: Executor, row: OrderInsert): Promise<void> {
  await tx.orm.insert(orders).values(row).run()
  await indexOrderText(tx, row.id, { title: row.title, occupation: row.occupation, description: row.description ?? '' })
  await indexOrderSkills(tx, row.id, row.skills)
}

/** The order columns order_match_facts copies: a change of one rewrites the facts. */
const FACT_COLUMNS = ['status', 'bidDeadline', 'headcount', 'trainingStart', 'trainingEnd'] as const

/** Updates an order that is still in `expected` status (and its matching facts); returns whether it was. */
export async function updateOrder (tx: Executor, id: string, expected: OrderStatus, changes: OrderChanges): Promise<boolean> {
  const updated = await tx.orm.update(orders).set(changes).where(and(eq(orders.id, id), eq(orders.status, expected))).returning({ id: orders.id })
  if (updated.length === 1 && FACT_COLUMNS.some((column) => changes[column] !== undefined)) await refreshMatchFacts(tx, [id])
  return updated.length === 1
}
