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

/**
 * The terms a driving scan matches, leaving out orders that hold every `excluded` term (the near tier's
 * exact matches). SQLite folds the exclusion into the FTS5 query (`(…) NOT (…)`), so no order is probed;
 * PostgreSQL checks the row's own array instead (excludedTerms).
 */
export function drivingTerms (engine: Engine, terms: readonly string[], excluded: readonly string[]): string | string[] {
  if (engine === 'postgres' || excluded.length === 0) return termParam(engine, terms)
  return `(${termParam(engine, terms) as string}) NOT (${termParam(engine, excluded) as string})`
}

/** "Order `o` does not hold every term of `@excluded`" where the exclusion is not folded into the driving scan. */
export const excludedTerms = (engine: Engine): string => `not ${termProbe(engine, 'excluded')}`

/** The condition leaving out orders tagged with one of `skillKeys` (the near tier's skill-alias matches). */
export function skillExclusion (skillKeys: readonly string[], params: Record<string, unknown>): string[] {
  skillKeys.forEach((skill, i) => { params[`x${i}`] = skill })
  if (skillKeys.length === 0) return []
  return [`not exists (select 1 from order_skills x where x.order_id = o.id and x.skill in (${skillKeys.map((_, i) => `@x${i}`).join(', ')}))`]
}
