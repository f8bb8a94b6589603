// One page of the order list or search: exact matches (text and skill alias) first, then near matches, each tier newest first.
import type { Executor } from '../../../db/executor.ts'
import { decodeCursor, type Page } from '../../lib/pagination.ts'
import { listOrders, type OrderListFilter, type OrderListPage, type OrderRow, type Viewer } from './repository.ts'
import { queryTerms, skillTerm } from './search-terms.ts'
import { skillSpellings } from './search-aliases.ts'
import { encodeSearchCursor, nearVariants, SEARCH_CURSOR, searchPositionOf, type SearchPosition } from './search-near.ts'

/** The list filter without the search and the keyset bound, which the page decides. */
export type ListRequest = Omit<OrderListFilter, 'termSets' | 'beforeId' | 'exclude'>

/** A query, resolved once per request: `exact`, the term sets of the exact tier (its terms; each spelling of the skill it names). */
type Query = { exact: string[][], near: string[][] }

/** The exact tier: the orders holding every term, or tagged with the skill the query names, in one scan. */
async function exactTier (ex: Executor, viewer: Viewer, request: ListRequest, query: Query, beforeId: string | undefined, limit: number): Promise<OrderListPage> {
  return await listOrders(ex, viewer, { ...request, termSets: query.exact, beforeId, limit })
}

/** The near tier: the orders holding every term of a near variant that are not exact matches, in one scan. */
async function nearTier (ex: Executor, viewer: Viewer, request: ListRequest, query: Query, beforeId: string | undefined, limit: number): Promise<OrderListPage> {
  return await listOrders(ex, viewer, { ...request, termSets: query.near, exclude: query.exact, beforeId, limit })
}

/** Cuts `limit + 1` rows of one tier to a page; a further row gives the next position in that tier. */
function tierPage (tier: SearchPosition['tier'], page: OrderListPage, limit: number): { rows: OrderRow[], next: SearchPosition | undefined } {
  const rows = page.rows.slice(0, limit)
  return { rows, next: page.rows.length > limit ? { tier, beforeId: rows.at(-1)!.id } : undefined }
}

/**
 * A page of orders for GET /orders. Without `q` the plain list. With `q`, the exact tier (every term,
 * and the skill the whole query names) until it ends, then, when the query has near variants, the near
 * tier on the same page and after it. The cursor says which tier it continues (search-near.ts), so pages
 * neither skip nor repeat across the boundary; every term of the query (and of each near variant) must match.
 */
export async function listPage (ex: Executor, viewer: Viewer, request: ListRequest, q: string | undefined, cursor: string | undefined): Promise<Page<OrderRow>> {
  const position = searchPositionOf(decodeCursor(cursor, q === undefined ? undefined : SEARCH_CURSOR))
  const { limit } = request
  if (q === undefined) return finish(tierPage('exact', await listOrders(ex, viewer, { ...request, beforeId: position.beforeId }), limit))
  const terms = queryTerms(q)
  if (terms.length === 0) return { items: [], nextCursor: null }
  const spellings = request.skillKeys === undefined ? await skillSpellings(ex, q) : []
  const query: Query = { exact: [terms, ...spellings.map((tag) => [skillTerm(tag)])], near: nearVariants(q) }
  if (position.tier === 'near') {
    if (query.near.length === 0) return { items: [], nextCursor: null }
    return finish(tierPage('near', await nearTier(ex, viewer, request, query, position.beforeId, limit), limit))
  }
  const exact = tierPage('exact', await exactTier(ex, viewer, request, query, position.beforeId, limit), limit)
  if (exact.next !== undefined || query.near.length === 0) return finish(exact)
  // The exact tier ended on this page: near matches fill the rest (one more row tells whether the near tier goes on).
  const room = limit - exact.rows.length
  const found = await nearTier(ex, viewer, request, query, undefined, room)
  if (room === 0) {
    const more = found.rows.length > 0
    return finish({ rows: exact.rows, next: more ? { tier: 'near', beforeId: undefined } : undefined })
  }
  const near = tierPage('near', found, room)
  return finish({ rows: [...exact.rows, ...near.rows], next: near.next })
}

const finish = (page: { rows: OrderRow[], next: SearchPosition | undefined }): Page<OrderRow> =>
  ({ items: page.rows, nextCursor: page.next === undefined ? null : encodeSearchCursor(page.next) })
