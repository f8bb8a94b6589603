// Order writes: the row, its search terms and its skill keys, kept in step inside one transaction.
import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.ts'
import { orders, orderTerms, orderSkills, type OrderStatus } from '../../../db/schema/index.ts'
import { skillKeys } from '../skills/index.ts'
import { indexTerms } from './search-terms.ts'

export type OrderInsert = typeof orders.$inferInsert
export type OrderChanges = Partial<Omit<OrderInsert, 'id' | 'allianceId' | 'organizationId' | 'createdBy' | 'createdAt'>>

const CHUNK = 400

function insertChunked<T> (rows: T[], insert: (chunk: T[]) => void): void {
  for (let i = 0; i < rows.length; i += CHUNK) insert(rows.slice(i, i + CHUNK))
}

/** Rewrites the search terms of an order (postings keyed by its alliance) from its title, occupation and description. */
export function indexOrderText (tx: DbOrTx, orderId: string, allianceId: string, text: { title: string, occupation: string, description: string }): void {
  tx.delete(orderTerms).where(eq(orderTerms.orderId, orderId)).run()
  const rows = indexTerms(text.title, text.occupation, text.description).map((term) => ({ term, orderId, allianceId }))
  insertChunked(rows, (chunk) => tx.insert(orderTerms).values(chunk).run())
}

/** Rewrites the skill keys an order is filtered by. */
export function indexOrderSkills (tx: DbOrTx, orderId: string, skills: readonly string[]): void {
  tx.delete(orderSkills).where(eq(orderSkills.orderId, orderId)).run()
  const rows = [...new Set(skillKeys(tx, skills))].map((skill) => ({ skill, orderId }))
  insertChunked(rows, (chunk) => tx.insert(orderSkills).values(chunk).run())
}

export function insertOrder (tx: DbOrTx, row: OrderInsert): void {
  tx.insert(orders).values(row).run()
  indexOrderText(tx, row.id, row.allianceId, { title: row.title, occupation: row.occupation, description: row.description ?? '' })
  indexOrderSkills(tx, row.id, row.skills)
}

/** Updates an order that is still in `expected` status; returns whether it was. */
export function updateOrder (tx: DbOrTx, id: string, expected: OrderStatus, changes: OrderChanges): boolean {
  return tx.update(orders).set(changes).where(and(eq(orders.id, id), eq(orders.status, expected))).run().changes === 1
}
