// Search terms as SQL inputs: the bounded rarest-first selection (postings counted once a request) and the exclusion of earlier matches.
import type { Database } from '../../../db/client.ts'
import { prepared } from '../../../db/statements.ts'
import { selectTerms } from './search-terms.ts'

const POSTINGS_SQL = 'select count(*) as n from (select 1 from order_terms where term = @term limit 2000)'

/** Postings counted per term, shared by the searches of one request so each term is counted once. */
export type PostingCounts = Map<string, number>

/** The bounded set of query terms to run, the rarest first (postings counted up to 2,000): see selectTerms. */
export function rarestFirst (db: Database, terms: readonly string[], counts: PostingCounts): string[] {
  const count = prepared<{ n: number }>(db, POSTINGS_SQL)
  return selectTerms(terms, (term) => {
    if (!counts.has(term)) counts.set(term, count.get({ term })!.n)
    return counts.get(term)!
  })
}

/** The condition leaving out what `exclude` names (its terms selected as the search that found them selected them). */
export function exclusion (db: Database, exclude: { terms: string[], skillKeys: string[] }, counts: PostingCounts, params: Record<string, unknown>): string[] {
  const terms = rarestFirst(db, exclude.terms, counts)
  terms.forEach((term, i) => { params[`e${i}`] = term })
  exclude.skillKeys.forEach((skill, i) => { params[`x${i}`] = skill })
  const conditions = terms.length === 0 ? [] : [`not (${terms.map((_, i) => `exists (select 1 from order_terms t where t.term = @e${i} and t.order_id = o.id)`).join(' and ')})`]
  if (exclude.skillKeys.length > 0) conditions.push(`not exists (select 1 from order_skills x where x.order_id = o.id and x.skill in (${exclude.skillKeys.map((_, i) => `@x${i}`).join(', ')}))`)
  return conditions
}
