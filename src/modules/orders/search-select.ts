// Search terms as SQL: each engine's own full-text index answers "holds every term" inside the list query (FTS5 MATCH; GIN `@>`).
import type { Engine, Executor } from '../../../db/executor.ts'

/** A quoted FTS5 string: one token under the `ascii` tokenizer (every term is one, see migration 0014). */
const ftsString = (term: string) => `"${term.replaceAll('"', '""')}"`

/**
 * The condition "order `o` holds every term of `@name`": on SQLite the rowids the FTS5 table matches
 * (`"焊工" AND "weld"`), on PostgreSQL containment in the GIN-indexed `search_terms` array.
 */
export const termCondition = (engine: Engine, name: string): string => engine === 'sqlite'
  ? `o.rowid in (select rowid from order_search where order_search match @${name})`
  : `o.search_terms @> cast(@${name} as text[])`

/**
 * The same condition as a filter of scans that another index drives (see commonTerms), and for
 * exclusions: on SQLite `+` keeps the planner from driving by the matches; they are read once into a
 * set (with a Bloom filter) that each scanned order is checked against. A per-order FTS5 lookup
 * (`exists … rowid = o.rowid`) measured slower: it seeks every index segment for each order.
 */
export const termProbe = (engine: Engine, name: string): string => engine === 'sqlite'
  ? `+o.rowid in (select rowid from order_search where order_search match @${name})`
  : termCondition(engine, name)

/** Matches from which a SQLite term search walks the orders in id order instead of sorting every match. */
export const COMMON_MATCHES = 2000
const COUNT_SQL = `select count(*) as n from (select rowid from order_search where order_search match @terms limit ${COMMON_MATCHES})`

/**
 * Whether the terms are common enough that the full-text index should not drive (SQLite): its matches
 * come in rowid order, so a list sorts them all by id; past COMMON_MATCHES, scanning the caller's
 * access paths in id order and probing each order (termProbe) stops at the page instead. The count
 * itself stops at COMMON_MATCHES. PostgreSQL's planner makes the same choice from its statistics.
 */
export async function commonTerms (ex: Executor, terms: string | string[]): Promise<boolean> {
  if (ex.engine !== 'sqlite') return false
  return (await ex.get<{ n: number }>(COUNT_SQL, { terms }))!.n >= COMMON_MATCHES
}

/** The value of `@name` for termCondition: the FTS5 query (every term, AND) or the array of terms. */
export const termParam = (engine: Engine, terms: readonly string[]): string | string[] =>
  engine === 'sqlite' ? terms.map(ftsString).join(' AND ') : [...terms]

/** The condition leaving out what `exclude` names: orders holding all its terms, or tagged with one of its skills. */
export function exclusion (engine: Engine, exclude: { terms: string[], skillKeys: string[] }, params: Record<string, unknown>): string[] {
  const conditions: string[] = []
  if (exclude.terms.length > 0) {
    params['excluded'] = termParam(engine, exclude.terms)
    conditions.push(`not ${termProbe(engine, 'excluded')}`)
  }
  exclude.skillKeys.forEach((skill, i) => { params[`x${i}`] = skill })
  if (exclude.skillKeys.length > 0) conditions.push(`not exists (select 1 from order_skills x where x.order_id = o.id and x.skill in (${exclude.skillKeys.map((_, i) => `@x${i}`).join(', ')}))`)
  return conditions
}
