// Search terms as SQL: each engine's own full-text index answers "holds every term" inside the list query (FTS5 MATCH; GIN `@>`).
import type { Engine } from '../../../db/executor.ts'

/** A quoted FTS5 string: one token under the `ascii` tokenizer (every term is one, see migration 0014). */
const ftsString = (term: string) => `"${term.replaceAll('"', '""')}"`

/** A scan of the list query: its FROM clause, the conditions tying its tables, its newest-first ORDER BY and keyset bound. */
export type TermScan = { from: string, conditions: string[], order: string, bound: string }

/**
 * The scan a term search is driven by. SQLite: the FTS5 index itself, walked forwards by rowid (the order's
 * search key, which sorts opposite to its id, db/sqlite/search-key.ts) from the newest match, so the page stops
 * the walk; the bound is on the key and on the id (an id that is not a stored order's may share a key). PostgreSQL: the orders, with containment in the
 * GIN-indexed `search_terms` array as a condition; its planner picks the index or the id order from its statistics.
 */
export const termScan = (engine: Engine, name: string): TermScan => engine === 'sqlite'
  ? {
      from: 'order_search s cross join orders o',
      conditions: [`s.order_search match @${name}`, 'o.id = s.order_id'],
      order: 's.rowid',
      bound: 's.rowid >= order_search_key(@before) and o.id < @before'
    }
  : { from: 'orders o', conditions: [termProbe(engine, name)], order: 'o.id desc', bound: 'o.id < @before' }

/**
 * "Order `o` holds every term of `@name`" as a filter of a scan that another index drives (the caller's
 * own orders; the near tier's exclusions): on SQLite one FTS5 lookup by the order's key, on PostgreSQL
 * containment in its `search_terms` array.
 */
export const termProbe = (engine: Engine, name: string): string => engine === 'sqlite'
  ? `exists (select 1 from order_search f where f.order_search match @${name} and f.rowid = order_search_key(o.id))`
  : `o.search_terms @> cast(@${name} as text[])`

/** The value of `@name` for termScan and termProbe: the FTS5 query (every term, AND) or the array of terms. */
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
