// Order writes: the row, its search terms and its skill keys, kept in step inside one transaction.
import { and, eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { orders, type OrderStatus } from '../../../db/schema/index.ts'
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

// Raw texts for the statements of every order write: drizzle's builder cost more than the SQL they run.
const INSERT_ORDER = `insert into orders (id, alliance_id, organization_id, created_by, status, title, occupation, description, skills,
  headcount, location, training_start, training_end, bid_deadline, budget_per_trainee, hiring_positions, monthly_salary_min,
  monthly_salary_max, cancel_reason, published_at, bidding_closed_at, awarded_at, cancelled_at, created_at, updated_at)
  values (@id, @allianceId, @organizationId, @createdBy, @status, @title, @occupation, @description, @skills,
  @headcount, @location, @trainingStart, @trainingEnd, @bidDeadline, @budgetPerTrainee, @hiringPositions, @monthlySalaryMin,
  @monthlySalaryMax, @cancelReason, @publishedAt, @biddingClosedAt, @awardedAt, @cancelledAt, @createdAt, @updatedAt)`

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
  await insertChunked(keys, (chunk) => tx.run(insertOrderSkillsSql(chunk.length), chunk.flatMap((skill) => [skill, orderId])))
  await refreshMatchFacts(tx, [orderId])
}

/** Inserts the order with its search terms, skill keys and matching facts (a new order has no keys to delete). */
export async function insertOrder (tx: Executor, row: OrderInsert): Promise<void> {
  await tx.run(INSERT_ORDER, {
    id: row.id,
    allianceId: row.allianceId,
    organizationId: row.organizationId,
    createdBy: row.createdBy,
    status: row.status,
    title: row.title,
    occupation: row.occupation,
    description: row.description ?? '',
    skills: JSON.stringify(row.skills),
    headcount: row.headcount,
    location: row.location,
    trainingStart: row.trainingStart,
    trainingEnd: row.trainingEnd,
    bidDeadline: row.bidDeadline,
    budgetPerTrainee: row.budgetPerTrainee ?? null,
    hiringPositions: row.hiringPositions ?? null,
    monthlySalaryMin: row.monthlySalaryMin ?? null,
    monthlySalaryMax: row.monthlySalaryMax ?? null,
    cancelReason: row.cancelReason ?? null,
    publishedAt: row.publishedAt ?? null,
    biddingClosedAt: row.biddingClosedAt ?? null,
    awardedAt: row.awardedAt ?? null,
    cancelledAt: row.cancelledAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  })
  await indexOrderText(tx, row.id, { title: row.title, occupation: row.occupation, description: row.description ?? '' })
  await writeOrderSkills(tx, row.id, row.skills)
}

/** The order columns order_match_facts copies: a change of one rewrites the facts. */
const FACT_COLUMNS = ['status', 'bidDeadline', 'headcount', 'trainingStart', 'trainingEnd'] as const

/** Updates an order that is still in `expected` status (and its matching facts); returns whether it was. */
export async function updateOrder (tx: Executor, id: string, expected: OrderStatus, changes: OrderChanges): Promise<boolean> {
  const updated = await tx.orm.update(orders).set(changes).where(and(eq(orders.id, id), eq(orders.status, expected))).returning({ id: orders.id })
  if (updated.length === 1 && FACT_COLUMNS.some((column) => changes[column] !== undefined)) await refreshMatchFacts(tx, [id])
  return updated.length === 1
}
