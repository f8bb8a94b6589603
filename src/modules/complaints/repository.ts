// Complaint queries: who reads a complaint (the complainant, the match's parties, coordinators, admins) as SQL, reads, lists, writes.
import { and, eq, ne } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { complaints, type ComplaintStatus } from '../../../db/schema/index.ts'
import type { ComplaintDto } from '../../../schemas/complaints.ts'
import type { Viewer } from '../orders/index.ts'

const COORDINATES = 'exists (select 1 from coordinator_alliances ca where ca.user_id = @user and ca.alliance_id = c.alliance_id)'
const MATCHED_COLLEGE = 'exists (select 1 from matches cm where cm.id = c.match_id and cm.college_id = @org)'
const OWNS_ORDER = 'exists (select 1 from orders co where co.id = c.order_id and co.organization_id = @org)'

/** The complaining college, the match's college, the order's enterprise, the alliance's coordinators and admins. */
const COMPLAINT_VISIBLE = `(@admin = 1 or c.complainant_id = @org or ${MATCHED_COLLEGE} or ${OWNS_ORDER} or ${COORDINATES})`

const COLUMNS = `c.id, c.match_id as "matchId", c.order_id as "orderId", c.alliance_id as "allianceId",
  c.complainant_id as "complainantId", cc.name as "complainantName", c.status, c.reason, c.filed_at as "filedAt",
  c.decision, c.decided_at as "decidedAt", ${COORDINATES} as coordinates`

/** The stored columns the read returns, typed from the schema. */
type ComplaintColumns = Pick<typeof complaints.$inferSelect,
  'id' | 'matchId' | 'orderId' | 'allianceId' | 'complainantId' | 'status' | 'reason' | 'filedAt' | 'decision' | 'decidedAt'>

/** A complaint with its complainant's name and whether the caller coordinates its alliance. */
export type ComplaintRow = ComplaintColumns & { complainantName: string, coordinates: boolean }

export type ComplaintAccess = ComplaintRow & { visible: boolean }

type RawRow = Omit<ComplaintRow, 'coordinates'> & { coordinates: 0 | 1 }

const FIND_SQL = `select ${COLUMNS}, ${COMPLAINT_VISIBLE} as visible
  from complaints c join organizations cc on cc.id = c.complainant_id where c.id = @id`

/** One complaint with the caller's access flags, visible or not (for deciding 404 versus 403). */
export async function findComplaintAccess (ex: Executor, id: string, viewer: Viewer): Promise<ComplaintAccess | undefined> {
  const raw = await ex.get<RawRow & { visible: 0 | 1 }>(FIND_SQL, { ...viewer, id })
  if (!raw) return undefined
  return { ...raw, coordinates: raw.coordinates === 1, visible: raw.visible === 1 }
}

export type ComplaintListFilter = { status?: ComplaintStatus | undefined, orderId?: string | undefined, beforeId?: string | undefined, limit: number }

/** Complaints the caller may read, newest first (keyset over ids). */
export async function listComplaints (ex: Executor, viewer: Viewer, filter: ComplaintListFilter): Promise<ComplaintRow[]> {
  const where = [COMPLAINT_VISIBLE]
  if (filter.orderId !== undefined) where.push('c.order_id = @orderId')
  if (filter.status !== undefined) where.push('c.status = @status')
  if (filter.beforeId !== undefined) where.push('c.id < @beforeId')
  const text = `select ${COLUMNS} from complaints c join organizations cc on cc.id = c.complainant_id
    where ${where.join(' and ')} order by c.id desc limit @limit`
  const rows = await ex.all<RawRow>(text, { ...viewer, ...filter, limit: filter.limit + 1 })
  return rows.map((row) => ({ ...row, coordinates: row.coordinates === 1 }))
}

/** Whether the college has complained about the match before (one complaint per college and match). */
export async function hasComplained (ex: Executor, matchId: string, collegeId: string): Promise<boolean> {
  const found = await ex.orm.select({ id: complaints.id }).from(complaints)
    .where(and(eq(complaints.matchId, matchId), eq(complaints.complainantId, collegeId))).limit(1).all()
  return found.length > 0
}

export type NewComplaint = Pick<typeof complaints.$inferInsert, 'id' | 'matchId' | 'orderId' | 'allianceId' | 'complainantId' | 'filedBy' | 'reason' | 'filedAt'>

export async function insertComplaint (tx: Executor, complaint: NewComplaint): Promise<void> {
  await tx.orm.insert(complaints).values({ ...complaint, status: 'pending' }).run()
}

/** Decides a complaint that is still pending; returns whether it was. */
export async function storeDecision (tx: Executor, id: string, status: 'dismissed' | 'upheld', decision: string, decidedBy: string, at: Date): Promise<boolean> {
  const changed = await tx.orm.update(complaints).set({ status, decision, decidedBy, decidedAt: at.toISOString() })
    .where(and(eq(complaints.id, id), eq(complaints.status, 'pending'))).returning({ id: complaints.id })
  return changed.length === 1
}

/** The other pending complaints about a match. */
export const otherPendingComplaints = (tx: Executor, matchId: string, exceptId: string) =>
  tx.orm.select({ id: complaints.id }).from(complaints)
    .where(and(eq(complaints.matchId, matchId), eq(complaints.status, 'pending'), ne(complaints.id, exceptId))).all()

/**
 * The complaint as the caller may read it: who complained (`complainant`) only for the alliance's coordinators and
 * admins (`identities`); `mine` for the complaining college's users.
 */
export function toComplaintDto (row: ComplaintRow, viewer: Viewer): ComplaintDto {
  const dto: ComplaintDto = {
    id: row.id,
    matchId: row.matchId,
    orderId: row.orderId,
    status: row.status,
    reason: row.reason,
    filedAt: row.filedAt,
    decision: row.decision,
    decidedAt: row.decidedAt,
    mine: viewer.org !== '' && viewer.org === row.complainantId
  }
  if (row.coordinates || viewer.admin === 1) dto.complainant = { id: row.complainantId, name: row.complainantName }
  return dto
}
