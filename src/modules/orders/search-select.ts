// Search terms as SQL: each engine's own full-text index answers "holds every term" inside the list query (FTS5 MATCH; GIN `@>`).
import type { Engine } from '../../../db/executor.ts'
import { allianceTerm } from './search-terms.ts'

/** A quoted FTS5 string: one token under the `ascii` tokenizer (every term is one, see migration 0014). */
const ftsString = (term: string) => `"${term.replaceAll('"', '""')}"`

/**
 * Orders of any of `alliances` that hold every term of one of `sets` (the exact tier: the query's terms, or
 * a spelling of the skill it names); an order's terms are indexed under its alliance (allianceTerm).
 */
export type TermMatch = { alliances: readonly string[], sets: readonly (readonly string[])[] }

/** The FTS5 query of a match: per alliance and set the AND of its terms, all ORed. */
const ftsQuery = (match: TermMatch): string => match.alliances
  .flatMap((a) => match.sets.map((set) => `(${set.map((t) => ftsString(allianceTerm(a, t))).join(' AND ')})`))
  .join(' OR ')

/**
 * PostgreSQL: containment in the GIN-indexed `search_terms` array, one array parameter per alliance and set;
 * `within`, a token every matching order must also hold, joins each array (one GIN lookup intersects them).
 * Without a token, the one-term sets of an alliance (the spellings of a skill) are one overlap (`&&`): one
 * array test a row instead of one a spelling, which is most of the cost of a walk's filter.
 */
function pgCondition (match: TermMatch, within: string | undefined, name: string, params: Record<string, unknown>): string {
  const arrays = match.alliances.flatMap((a, i) => {
    const single = within === undefined ? match.sets.filter((set) => set.length === 1) : []
    const tests = match.sets.filter((set) => !single.includes(set)).map((set, j) => {
      const terms = set.map((t) => allianceTerm(a, t))
      params[`${name}_${i}_${j}`] = within === undefined ? terms : [within, ...terms]
      return `o.search_terms @> cast(@${name}_${i}_${j} as text[])`
    })
    if (single.length > 0) {
      params[`${name}_${i}_any`] = single.map(([t]) => allianceTerm(a, t!))
      tests.push(`o.search_terms && cast(@${name}_${i}_any as text[])`)
    }
    return tests
  })
  return arrays.length === 1 ? arrays[0]! : `(${arrays.join(' or ')})`
}

/** A scan of the list query: its FROM clause, the conditions tying its tables, its newest-first ORDER BY and keyset bound. */
export type TermScan = { from: string, conditions: string[], order: string, bound: string }

/**
 * What a driving scan reads: the match, confined to the orders holding the token `within` (its owner's, or
 * a bidder's on cancelled orders), leaving out the orders holding every term of one of the `excluded` sets.
 */
export type ScanTerms = { match: TermMatch, within?: string | undefined, excluded?: readonly (readonly string[])[] | undefined }

/**
 * The scan a term search is driven by. SQLite: the FTS5 index itself, walked forwards by rowid (the order's
 * search key, which sorts opposite to its id, db/sqlite/search-key.ts) from the newest match, so the page stops
 * the walk; the token and the exclusion (`NOT`) are part of the FTS5 query; the bound is on the key and
 * on the id (an id that is not a stored order's may share a key). PostgreSQL: the orders, with containment in
 * the GIN-indexed array as a condition; its planner picks the index or the id order from its statistics.
 */
export function termScan (engine: Engine, name: string, scan: ScanTerms, params: Record<string, unknown>): TermScan {
  const exclusion = scan.excluded === undefined || scan.excluded.length === 0 ? undefined : { alliances: scan.match.alliances, sets: scan.excluded }
  if (engine === 'postgres') {
    const conditions = [pgCondition(scan.match, scan.within, name, params)]
    if (exclusion !== undefined) conditions.push(`not ${pgCondition(exclusion, undefined, `${name}x`, params)}`)
    return { from: 'orders o', conditions, order: 'o.id desc', bound: 'o.id < @before' }
  }
  let query = ftsQuery(scan.match)
  if (scan.within !== undefined) query = `${ftsString(scan.within)} AND (${query})`
  if (exclusion !== undefined) query = `(${query}) NOT (${ftsQuery(exclusion)})`
  params[name] = query
  return {
    from: 'order_search s cross join orders o',
    conditions: [`s.order_search match @${name}`, 'o.id = s.order_id'],
    order: 's.rowid',
    bound: 's.rowid >= order_search_key(@before) and o.id < @before'
  }
}
