// Who an event concerns: the order's owner and bidders, the subject's college, the alliance's colleges and coordinators.
import type { Executor } from '../../../db/executor.ts'

/** The event fields that decide its audience. */
export type AudienceEvent = {
  type: string
  subjectType: string
  subjectId: string
  orderId: string | null
  allianceId: string | null
}

/** The order an event belongs to, as its audience needs it. */
export type OrderFacts = { ownerId: string, status: string, bidDeadline: string | null, biddingClosedAt: string | null }

const ORDER_SQL = `select organization_id as "ownerId", status, bid_deadline as "bidDeadline", bidding_closed_at as "biddingClosedAt"
  from orders where id = @orderId`

export const findOrderFacts = (tx: Executor, orderId: string) => tx.get<OrderFacts>(ORDER_SQL, { orderId })

type Ids = { id: string }

/** The college a subject belongs to (a bid's, match's, cohort's, trainee's cohort's, question's or complaint's). */
const SUBJECT_COLLEGE_SQL: Record<string, string> = {
  bid: 'select organization_id as id from bids where id = @subjectId',
  match: 'select college_id as id from matches where id = @subjectId',
  cohort: 'select college_id as id from cohorts where id = @subjectId',
  trainee: 'select c.college_id as id from trainees t join cohorts c on c.id = t.cohort_id where t.id = @subjectId',
  question: 'select organization_id as id from questions where id = @subjectId',
  complaint: 'select complainant_id as id from complaints where id = @subjectId',
  membership: 'select organization_id as id from memberships where id = @subjectId'
}

export async function subjectCollege (tx: Executor, event: AudienceEvent): Promise<string | undefined> {
  const text = SUBJECT_COLLEGE_SQL[event.subjectType]
  if (text === undefined) return undefined
  return (await tx.get<Ids>(text, { subjectId: event.subjectId }))?.id
}

/** The college of the match a complaint is about (the owner's partner, who reads the complaint's events too). */
export async function complainedMatchCollege (tx: Executor, complaintId: string): Promise<string | undefined> {
  const row = await tx.get<Ids>('select m.college_id as id from complaints c join matches m on m.id = c.match_id where c.id = @complaintId', { complaintId })
  return row?.id
}

const COORDINATORS_SQL = 'select user_id as id from coordinator_alliances where alliance_id = @allianceId order by user_id'

export async function coordinatorsOf (tx: Executor, allianceId: string | null): Promise<string[]> {
  if (allianceId === null) return []
  return (await tx.all<Ids>(COORDINATORS_SQL, { allianceId })).map((row) => row.id)
}

const BIDDERS_SQL = 'select distinct organization_id as id from bids where order_id = @orderId order by organization_id'

/** Every college that has bid on the order (withdrawn bids too: they followed the order). */
export async function biddersOf (tx: Executor, orderId: string): Promise<string[]> {
  return (await tx.all<Ids>(BIDDERS_SQL, { orderId })).map((row) => row.id)
}

const COLLEGES_SQL = `select m.organization_id as id from memberships m join organizations o on o.id = m.organization_id
  where m.alliance_id = @allianceId and m.status = 'active' and o.kind = 'college' order by m.organization_id`

/** The active college members of an alliance: who sees its open orders. */
export async function collegesOf (tx: Executor, allianceId: string | null): Promise<string[]> {
  if (allianceId === null) return []
  return (await tx.all<Ids>(COLLEGES_SQL, { allianceId })).map((row) => row.id)
}
