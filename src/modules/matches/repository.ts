// Match queries: who sees a match (its parties, the alliance's coordinators, admins) as SQL, reads and lists.
import type { Executor } from '../../../db/executor.ts'
import type { MatchStatus, matches } from '../../../db/schema/index.ts'
import type { Viewer } from '../orders/index.ts'

const COORDINATES = 'exists (select 1 from coordinator_alliances ca where ca.user_id = @user and ca.alliance_id = m.alliance_id)'
const OWNS_ORDER = 'exists (select 1 from orders o where o.id = m.order_id and o.organization_id = @org)'

/** The enterprise that ordered, the college that bid, the alliance's coordinators and admins. */
export const MATCH_VISIBLE = `(@admin = 1 or m.college_id = @org or ${OWNS_ORDER} or ${COORDINATES})`

// The order's title, both organizations' names and the cohort come joined, one statement per read or page.
const COLUMNS = `m.id, m.order_id as "orderId", mo.title as "orderTitle", m.bid_id as "bidId", m.college_id as "collegeId",
  m.alliance_id as "allianceId", mc.name as "collegeName", mo.organization_id as "enterpriseId", me.name as "enterpriseName",
  mh.id as "cohortId", m.seats, m.status, m.note, m.reason, m.created_at as "createdAt", m.decided_at as "decidedAt"`

const JOINS = `join orders mo on mo.id = m.order_id
  join organizations mc on mc.id = m.college_id
  join organizations me on me.id = mo.organization_id
  left join cohorts mh on mh.match_id = m.id`

/** The stored columns the read returns, typed from the schema. */
type MatchColumns = Pick<typeof matches.$inferSelect,
  'id' | 'orderId' | 'bidId' | 'collegeId' | 'allianceId' | 'seats' | 'status' | 'note' | 'reason' | 'createdAt' | 'decidedAt'>

/** A match with its order's title, both organizations' names and its cohort. */
export type MatchRow = MatchColumns & {
  orderTitle: string, collegeName: string, enterpriseId: string, enterpriseName: string, cohortId: string | null
}

export type MatchAccess = MatchRow & { visible: boolean, coordinates: boolean, ownsOrder: boolean }

type RawAccess = MatchRow & { visible: 0 | 1, coordinates: 0 | 1, ownsOrder: 0 | 1 }

const FIND_SQL = `select ${COLUMNS}, ${MATCH_VISIBLE} as visible, ${COORDINATES} as coordinates, ${OWNS_ORDER} as "ownsOrder"
  from matches m ${JOINS} where m.id = @id`

export async function findMatchAccess (ex: Executor, id: string, viewer: Viewer): Promise<MatchAccess | undefined> {
  const raw = await ex.get<RawAccess>(FIND_SQL, { ...viewer, id })
  if (!raw) return undefined
  return { ...raw, visible: raw.visible === 1, coordinates: raw.coordinates === 1, ownsOrder: raw.ownsOrder === 1 }
}

/** The bid's proposed or approved match, if any. */
export const findLiveMatch = (ex: Executor, bidId: string) =>
  ex.get<{ id: string }>("select id from matches where bid_id = @bidId and status in ('proposed', 'approved')", { bidId })

export type MatchListFilter = { status?: MatchStatus | undefined, allianceId?: string | undefined, orderId?: string | undefined, beforeId?: string | undefined, limit: number }

/** Matches the caller may see, newest first (keyset over ids). */
export function listMatches (ex: Executor, viewer: Viewer, filter: MatchListFilter): Promise<MatchRow[]> {
  const where = [MATCH_VISIBLE]
  if (filter.orderId !== undefined) where.push('m.order_id = @orderId')
  if (filter.allianceId !== undefined) where.push('m.alliance_id = @allianceId')
  if (filter.status !== undefined) where.push('m.status = @status')
  if (filter.beforeId !== undefined) where.push('m.id < @beforeId')
  const text = `select ${COLUMNS} from matches m ${JOINS} where ${where.join(' and ')} order by m.id desc limit @limit`
  return ex.all<MatchRow>(text, { ...viewer, ...filter, limit: filter.limit + 1 })
}

export const toMatchDto = (row: MatchRow) => ({
  id: row.id,
  orderId: row.orderId,
  orderTitle: row.orderTitle,
  bidId: row.bidId,
  college: { id: row.collegeId, name: row.collegeName },
  enterprise: { id: row.enterpriseId, name: row.enterpriseName },
  cohortId: row.cohortId,
  seats: row.seats,
  status: row.status,
  note: row.note,
  reason: row.reason,
  createdAt: row.createdAt,
  decidedAt: row.decidedAt
})
