// Match queries: who sees a match (its parties, the alliance's coordinators, admins; other bidders its award notice) as SQL, reads and lists.
import type { Executor } from '../../../db/executor.ts'
import type { CohortStatus, MatchStatus, matches } from '../../../db/schema/index.ts'
import type { Viewer } from '../orders/index.ts'

const COORDINATES = 'exists (select 1 from coordinator_alliances ca where ca.user_id = @user and ca.alliance_id = m.alliance_id)'
const OWNS_ORDER = 'exists (select 1 from orders o where o.id = m.order_id and o.organization_id = @org)'

/** The enterprise that ordered, the college that bid, the alliance's coordinators and admins: they read the match in full. */
const MATCH_PARTY = `(@admin = 1 or m.college_id = @org or ${OWNS_ORDER} or ${COORDINATES})`

/**
 * An award notice: an approved (or revoked) match is read by every college with a bid on the order that it has not
 * withdrawn, so a losing bidder knows what it may complain about. Proposed, rejected and withdrawn ones are not.
 */
const AWARD_NOTICE = `(m.status in ('approved', 'revoked') and exists (select 1 from bids nb
  where nb.order_id = m.order_id and nb.organization_id = @org and nb.status <> 'withdrawn'))`

export const MATCH_VISIBLE = `(${MATCH_PARTY} or ${AWARD_NOTICE})`

// The order's title, both organizations' names and the cohort come joined, one statement per read or page.
const COLUMNS = `m.id, m.order_id as "orderId", mo.title as "orderTitle", m.bid_id as "bidId", m.college_id as "collegeId",
  m.alliance_id as "allianceId", mc.name as "collegeName", mo.organization_id as "enterpriseId", me.name as "enterpriseName",
  mh.id as "cohortId", mh.status as "cohortStatus", m.seats, m.status, m.note, m.reason, m.standstill_until as "standstillUntil",
  m.created_at as "createdAt", m.decided_at as "decidedAt", ${MATCH_PARTY} as party`

const JOINS = `join orders mo on mo.id = m.order_id
  join organizations mc on mc.id = m.college_id
  join organizations me on me.id = mo.organization_id
  left join cohorts mh on mh.match_id = m.id`

/** The stored columns the read returns, typed from the schema. */
type MatchColumns = Pick<typeof matches.$inferSelect,
  'id' | 'orderId' | 'bidId' | 'collegeId' | 'allianceId' | 'seats' | 'status' | 'note' | 'reason' | 'standstillUntil' | 'createdAt' | 'decidedAt'>

/** A match with its order's title, both organizations' names, its cohort, and whether the caller is a party (else: an award notice). */
export type MatchRow = MatchColumns & {
  orderTitle: string, collegeName: string, enterpriseId: string, enterpriseName: string, cohortId: string | null, cohortStatus: CohortStatus | null, party: boolean
}

export type MatchAccess = MatchRow & { visible: boolean, coordinates: boolean, ownsOrder: boolean }

type RawRow = Omit<MatchRow, 'party'> & { party: 0 | 1 }
type RawAccess = RawRow & { visible: 0 | 1, coordinates: 0 | 1, ownsOrder: 0 | 1 }

const FIND_SQL = `select ${COLUMNS}, ${MATCH_VISIBLE} as visible, ${COORDINATES} as coordinates, ${OWNS_ORDER} as "ownsOrder"
  from matches m ${JOINS} where m.id = @id`

export async function findMatchAccess (ex: Executor, id: string, viewer: Viewer): Promise<MatchAccess | undefined> {
  const raw = await ex.get<RawAccess>(FIND_SQL, { ...viewer, id })
  if (!raw) return undefined
  return { ...raw, party: raw.party === 1, visible: raw.visible === 1, coordinates: raw.coordinates === 1, ownsOrder: raw.ownsOrder === 1 }
}

/** The bid's proposed or approved match, if any. */
export const findLiveMatch = (ex: Executor, bidId: string) =>
  ex.get<{ id: string }>("select id from matches where bid_id = @bidId and status in ('proposed', 'approved')", { bidId })

export type MatchListFilter = { status?: MatchStatus | undefined, allianceId?: string | undefined, orderId?: string | undefined, beforeId?: string | undefined, limit: number }

/** Matches the caller may see, newest first (keyset over ids). */
export async function listMatches (ex: Executor, viewer: Viewer, filter: MatchListFilter): Promise<MatchRow[]> {
  const where = [MATCH_VISIBLE]
  if (filter.orderId !== undefined) where.push('m.order_id = @orderId')
  if (filter.allianceId !== undefined) where.push('m.alliance_id = @allianceId')
  if (filter.status !== undefined) where.push('m.status = @status')
  if (filter.beforeId !== undefined) where.push('m.id < @beforeId')
  const text = `select ${COLUMNS} from matches m ${JOINS} where ${where.join(' and ')} order by m.id desc limit @limit`
  const rows = await ex.all<RawRow>(text, { ...viewer, ...filter, limit: filter.limit + 1 })
  return rows.map((row) => ({ ...row, party: row.party === 1 }))
}

/**
 * The match as the caller may read it. An award notice read by another bidder names the college, the seats, the status
 * and the standstill, but not the matched bid, the cohort or the coordinator's note: those are the parties' business.
 */
export const toMatchDto = (row: MatchRow) => ({
  id: row.id,
  orderId: row.orderId,
  orderTitle: row.orderTitle,
  bidId: row.party ? row.bidId : null,
  college: { id: row.collegeId, name: row.collegeName },
  enterprise: { id: row.enterpriseId, name: row.enterpriseName },
  cohortId: row.party ? row.cohortId : null,
  seats: row.seats,
  status: row.status,
  note: row.party ? row.note : null,
  reason: row.party ? row.reason : null,
  standstillUntil: row.standstillUntil,
  createdAt: row.createdAt,
  decidedAt: row.decidedAt
})
