// PostgreSQL term search with a bounded cost: each alliance scan walks its newest orders first and asks the GIN index only when they hold too few matches.
import type { Executor } from '../../../db/executor.ts'

/**
 * One scan of a term search: its conditions (the terms, the visibility rule, the filters, the keyset bound,
 * all over `o`), and `walk`, the condition on indexed columns whose orders it walks newest first (its
 * alliance, status and keyset bound; `true` for an admin's); `undefined` for a scan a token makes sparse (the owner's, a
 * bidder's), which the GIN index answers at once.
 */
export type SearchScan = { conditions: string[], walk: string | undefined }

/**
 * The walk, in two steps: the first FIRST_WALK newest orders; when they hold some matches but not a page,
 * up to SECOND_WALK more. A scan whose walk found no match at all, or not a page in both steps, asks the GIN
 * index for the matches older than its walk: the walk has shown they are rare, so that reads about
 * `page × alliance / walked` rows in evenly spread data. GIN yields matches in no order: without the walk,
 * a page of a common term read every match (tens of thousands of rows at 1,000,000 orders).
 */
export const FIRST_WALK = 200
export const SECOND_WALK = 2000

// The columns the conditions read (visibility, status, alliance, terms); the page's rows are read by id afterwards.
const WALKED = 'o.id, o.alliance_id, o.organization_id, o.status, o.bid_deadline, o.min_bids, o.search_terms'

type Step = { scan: number, kind: 'walk' | 'index', rows?: number }
type StepResult = { scan: number, walked: number | null, edge: string | null, ids: string[] | null }

/** One step of every scan that still needs one, as one statement (`union all`, a row per scan). */
function stepStatement (scans: readonly SearchScan[], steps: readonly Step[], params: Record<string, unknown>): string {
  return steps.map(({ scan, kind, rows }) => {
    const edge = params[`edge${scan}`] === undefined ? '' : ` and o.id < @edge${scan}`
    const where = scans[scan]!.conditions.join(' and ')
    if (kind === 'index') {
      return `select ${scan} as scan, null::int as walked, null::text as edge,
  array(select o.id from orders o where ${where}${edge} order by o.id desc limit @limit) as ids`
    }
    params[`walk${scan}`] = rows
    return `select ${scan} as scan, count(*)::int as walked, min(o.id) as edge,
  (array_agg(o.id order by o.id desc) filter (where ${where}))[1:@limit] as ids
  from (select ${WALKED} from orders o where ${scans[scan]!.walk}${edge} order by o.id desc limit @walk${scan}) o`
  }).join(' union all ')
}

/** What a scan needs after a walk step: nothing (a page, or the walk ran out of orders), a longer walk, or the index. */
function nextStep (result: StepResult, step: Step, limit: number, found: number): Step | undefined {
  if (step.kind === 'index' || found >= limit || (result.walked ?? 0) < step.rows!) return undefined
  const first = step.rows === FIRST_WALK
  return first && found > 0 ? { scan: step.scan, kind: 'walk', rows: SECOND_WALK } : { scan: step.scan, kind: 'index' }
}

/**
 * The ids of a page of a term search (`limit` rows at most, newest first), exact across the scans: each
 * scan yields its own newest `limit` matches (its walk, then the index below the walk when the walk held
 * fewer), and the page is the newest of their union. Three statements at most; the rows are read afterwards.
 */
export async function searchPageIds (ex: Executor, scans: readonly SearchScan[], params: Record<string, unknown>, limit: number): Promise<string[]> {
  const stepParams: Record<string, unknown> = { ...params, limit }
  const found = scans.map((): string[] => [])
  let steps: Step[] = scans.map((scan, i) => scan.walk === undefined ? { scan: i, kind: 'index' } : { scan: i, kind: 'walk', rows: FIRST_WALK })
  while (steps.length > 0) {
    const results = await ex.all<StepResult>(stepStatement(scans, steps, stepParams), stepParams)
    const next: Step[] = []
    for (const result of results) {
      const step = steps.find((s) => s.scan === result.scan)!
      found[result.scan]!.push(...(result.ids ?? []))
      const more = nextStep(result, step, limit, found[result.scan]!.length)
      if (more === undefined) continue
      stepParams[`edge${result.scan}`] = result.edge
      next.push(more)
    }
    steps = next
  }
  return [...new Set(found.flat())].sort().reverse().slice(0, limit)
}
