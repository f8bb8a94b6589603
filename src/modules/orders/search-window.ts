// Bounded term scans: a search page reads at most SCAN_WINDOW postings of its driving term, then resumes below them.
import type { Executor } from '../../../db/executor.ts'

/**
 * Postings a term-driven scan reads for one page, at most: a search whose rarest term is common but whose
 * terms together are rare stops here instead of reading the whole posting list (listOrders resumes below).
 */
export const SCAN_WINDOW = 4000

/** `where` names the driving term (and alliance): the index that serves it, in order_id order. */
const indexFor = (where: string) => where.includes('alliance_id') ? 'order_terms_term_alliance_order_idx' : 'order_terms_term_order_uq'

/** The next SCAN_WINDOW postings matching `where` in `order_terms`, newest first, below the cursor. */
export const postingsWindow = (where: string, beforeId: string | undefined) =>
  `(select order_id from order_terms indexed by ${indexFor(where)} where ${where}${beforeId !== undefined ? ' and order_id < @before' : ''} order by order_id desc limit ${SCAN_WINDOW})`

/**
 * Where a page of windowed scans must stop: below the highest floor among the windows that were full,
 * rows are not known to be complete. Undefined when every window held all remaining postings.
 */
export async function windowFloor (ex: Executor, windows: string[], beforeId: string | undefined, params: Record<string, unknown>): Promise<string | undefined> {
  let floor: string | undefined
  for (const window of new Set(windows)) {
    const row = (await ex.get<{ n: number, low: string | null }>(`select count(*) as n, min(order_id) as low from ${postingsWindow(window, beforeId)}`, params))!
    if (row.n === SCAN_WINDOW && row.low !== null && (floor === undefined || row.low > floor)) floor = row.low
  }
  return floor
}
