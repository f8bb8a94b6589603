// Search terms as SQL inputs: the bounded rarest-first selection (postings counted once a request) and the exclusion of earlier matches.
import type { Executor } from '../../../db/executor.ts'
import { candidateTerms, selectTerms } from './search-terms.ts'

const POSTINGS_SQL = 'select count(*) as n from (select 1 from order_terms where term = @term limit 2000)'

/** Postings counted per term, shared by the searches of one request so each term is counted once. */
export type PostingCounts = Map<string, number>

/** The bounded set of query terms to run, the rarest first (postings counted up to 2,000): see selectTerms. */
export async function rarestFirst (ex: Executor, terms: readonly string[], counts: PostingCounts): Promise<string[]> {
  // One at a time: the searches of a request share `counts`, so no term is counted twice.
  for (const term of candidateTerms(terms)) {
    if (!counts.has(term)) counts.set(term, (await ex.get<{ n: number }>(POSTINGS_SQL, { term }))!.n)
  }
  return selectTerms(terms, (term) => counts.get(term)!)
}

/** The condition leaving out what `exclude` names (its terms selected as the search that found them selected them). */
export async function exclusion (ex: Executor, exclude: { terms: string[], skillKeys: string[] }, counts: PostingCounts, params: Record<string, unknown>): Promise<string[]> {
  const terms = await rarestFirst(ex, exclude.terms, counts)
  terms.forEach((term, i) => { params[`e${i}`] = term })
  exclude.skillKeys.forEach((skill, i) => { params[`x${i}`] = skill })
  const conditions = terms.length === 0 ? [] : [`not (${terms.map((_, i) => `exists (select 1 from order_terms t where t.term = @e${i} and t.order_id = o.id)`).join(' and ')})`]
  if (exclude.skillKeys.length > 0) conditions.push(`not exists (select 1 from order_skills x where x.order_id = o.id and x.skill in (${exclude.skillKeys.map((_, i) => `@x${i}`).join(', ')}))`)
  return conditions
}
