// Search terms as SQL: each engine's own full-text index answers "holds every term" inside the list query (FTS5 MATCH; GIN `@>`).
import type { Engine } from '../../../db/executor.ts'
import { allianceTerm, organizationToken } from './search-terms.ts'

/** A quoted FTS5 string: one token under the `ascii` tokenizer (every term is one, see migration 0014). */
const ftsString = (term: string) => `"${term.replaceAll('"', '""')}"`

/** Orders of any of `alliances` that hold every term (an order's terms are indexed under its alliance: allianceTerm). */
export type TermMatch = { alliances: readonly string[], terms: readonly string[] }

/** The FTS5 query of a match: per alliance the AND of its terms, the alliances ORed. */
const ftsQuery = (match: TermMatch): string =>
  match.alliances.map((a) => `(${match.terms.map((t) => ftsString(allianceTerm(a, t))).join(' AND ')})`).join(' OR ')

/** PostgreSQL: containment in the GIN-indexed `search_terms` array, one array parameter per alliance. */
function pgCondition (match: TermMatch, name: string, params: Record<string, unknown>): string {
  const arrays = match.alliances.map((a, i) => {
    params[`${name}_${i}`] = match.terms.map((t) => allianceTerm(a, t))
    return `o.search_terms @> cast(@${name}_${i} as text[])`
  })
  return arrays.length === 1 ? arrays[0]! : `(${arrays.join(' or ')})`
}

/** A scan of the list query: its FROM clause, the conditions tying its tables, its newest-first ORDER BY and keyset bound. */
export type TermScan = { from: string, conditions: string[], order: string, bound: string }

/** What a driving scan reads: the match, confined to one owner's orders (its token), leaving out the orders `excluded` matches. */
export type ScanTerms = { match: TermMatch, owner?: string | undefined, excluded?: TermMatch | undefined }

/**
 * The scan a term search is driven by. SQLite: the FTS5 index itself, walked forwards by rowid (the order's
 * search key, which sorts opposite to its id, db/sqlite/search-key.ts) from the newest match, so the page stops
 * the walk; the owner's token and the exclusion (`NOT`) are part of the FTS5 query; the bound is on the key and
 * on the id (an id that is not a stored order's may share a key). PostgreSQL: the orders, with containment in
 * the GIN-indexed array as a condition; its planner picks the index or the id order from its statistics.
 */
export function termScan (engine: Engine, name: string, scan: ScanTerms, params: Record<string, unknown>): TermScan {
  if (engine === 'postgres') {
    const conditions = [pgCondition(scan.match, name, params)]
    if (scan.owner !== undefined) conditions.push('o.organization_id = @org')
    if (scan.excluded !== undefined) conditions.push(`not ${pgCondition(scan.excluded, `${name}x`, params)}`)
    return { from: 'orders o', conditions, order: 'o.id desc', bound: 'o.id < @before' }
  }
  let query = ftsQuery(scan.match)
  if (scan.owner !== undefined) query = `${ftsString(organizationToken(scan.owner))} AND (${query})`
  if (scan.excluded !== undefined) query = `(${query}) NOT (${ftsQuery(scan.excluded)})`
  params[name] = query
  return {
    from: 'order_search s cross join orders o',
    conditions: [`s.order_search match @${name}`, 'o.id = s.order_id'],
    order: 's.rowid',
    bound: 's.rowid >= order_search_key(@before) and o.id < @before'
  }
}

/**
 * "Order `o` holds every term" as a filter of a scan that another index drives (the cancelled orders a
 * college bid on): on SQLite one FTS5 lookup by the order's key, on PostgreSQL containment in its array.
 */
export function termProbe (engine: Engine, name: string, match: TermMatch, params: Record<string, unknown>): string {
  if (engine === 'postgres') return pgCondition(match, name, params)
  params[name] = ftsQuery(match)
  return `exists (select 1 from order_search f where f.order_search match @${name} and f.rowid = order_search_key(o.id))`
}

/** The condition leaving out orders tagged with one of `skillKeys` (the near tier's skill-alias matches). */
export function skillExclusion (skillKeys: readonly string[], params: Record<string, unknown>): string[] {
  skillKeys.forEach((skill, i) => { params[`x${i}`] = skill })
  if (skillKeys.length === 0) return []
  return [`not exists (select 1 from order_skills x where x.order_id = o.id and x.skill in (${skillKeys.map((_, i) => `@x${i}`).join(', ')}))`]
}
