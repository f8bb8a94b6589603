// What the reference server asks of its database, the same on both engines: the order row's shape, its DTO, and the store's calls.
import type { CreateOrderInput } from '../../schemas/orders.ts'

export type OrderRow = {
  id: string, allianceCode: string, organizationId: string, organizationName: string, status: string, title: string, occupation: string,
  description: string, skills: string, headcount: number, location: string, trainingStart: string, trainingEnd: string, bidDeadline: string,
  budgetPerTrainee: number | null, hiringPositions: number | null, monthlySalaryMin: number | null, monthlySalaryMax: number | null,
  minBids: number, questionDeadline: string | null, cancelReason: string | null, publishedAt: string | null, createdAt: string, updatedAt: string
}

export type Member = { org: string, kind: string }
export type NewOrder = { id: string, allianceId: string, member: Member, userId: string, body: CreateOrderInput, terms: string[], skills: string[], now: string }

export type ReferenceStore = {
  allianceId: (code: string) => string | undefined
  /** The caller's organization when it is an active member of the alliance: one indexed look-up. */
  membership: (userId: string, allianceId: string) => Promise<Member | undefined>
  /** The canonical tag of a skill alias (the vocabulary's look-up a create does per skill). */
  canonicalTag: (alias: string) => Promise<string | undefined>
  listOpen: (query: { allianceId: string, now: string, before: string, limit: number }) => Promise<OrderRow[]>
  readVisible: (query: { id: string, userId: string, now: string }) => Promise<OrderRow | undefined>
  /** Inserts the draft with its search terms and skill keys in one transaction; returns the row as read back. */
  create: (order: NewOrder) => Promise<OrderRow>
  close: () => Promise<void>
}

/**
 * The columns both engines select, `now` being the engine's placeholder for the instant: the status as everybody
 * reads it (open past its deadline is evaluating, or unsuccessful with fewer submitted bids than minBids), as the app.
 */
export const orderColumns = (now: string) => `o.id, a.code as "allianceCode", o.organization_id as "organizationId", g.name as "organizationName",
  case when o.status = 'open' and o.bid_deadline <= ${now} then (case when (select count(*) from bids tb where tb.order_id = o.id
    and tb.status = 'submitted') < o.min_bids then 'unsuccessful' else 'evaluating' end) else o.status end as status,
  o.title, o.occupation, o.description, o.skills, o.headcount, o.location, o.training_start as "trainingStart",
  o.training_end as "trainingEnd", o.bid_deadline as "bidDeadline", o.budget_per_trainee as "budgetPerTrainee",
  o.hiring_positions as "hiringPositions", o.monthly_salary_min as "monthlySalaryMin", o.monthly_salary_max as "monthlySalaryMax",
  o.min_bids as "minBids", o.question_deadline as "questionDeadline",
  o.cancel_reason as "cancelReason", o.published_at as "publishedAt", o.created_at as "createdAt", o.updated_at as "updatedAt"`

export const ORDER_JOINS = 'join alliances a on a.id = o.alliance_id join organizations g on g.id = o.organization_id'
/** The statuses a member college reads (besides its own bids' cancelled orders, which the bench never reads). */
export const MEMBER_STATUSES = "('open', 'evaluating', 'awarded', 'unsuccessful')"

export const toDto = (r: OrderRow) => ({
  id: r.id,
  allianceCode: r.allianceCode,
  organization: { id: r.organizationId, name: r.organizationName },
  status: r.status,
  title: r.title,
  occupation: r.occupation,
  description: r.description,
  skills: JSON.parse(r.skills) as string[],
  headcount: r.headcount,
  location: r.location,
  trainingStart: r.trainingStart,
  trainingEnd: r.trainingEnd,
  bidDeadline: r.bidDeadline,
  budgetPerTrainee: r.budgetPerTrainee,
  hiringCommitment: r.hiringPositions === null
    ? null
    : { positions: r.hiringPositions, monthlySalaryMin: r.monthlySalaryMin, monthlySalaryMax: r.monthlySalaryMax },
  minBids: r.minBids,
  questionDeadline: r.questionDeadline,
  cancelReason: r.cancelReason,
  publishedAt: r.publishedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt
})

/** The values of the orders row a create inserts, in the column order of both engines' insert. */
export const insertValues = (o: NewOrder) => [
  o.id, o.allianceId, o.member.org, o.userId, o.body.title, o.body.occupation, o.body.description ?? '', JSON.stringify(o.body.skills),
  o.body.headcount, o.body.location, o.body.trainingStart, o.body.trainingEnd, o.body.bidDeadline, o.body.budgetPerTrainee ?? null,
  o.body.hiringCommitment?.positions ?? null, o.body.hiringCommitment?.monthlySalaryMin ?? null, o.body.hiringCommitment?.monthlySalaryMax ?? null,
  o.body.minBids ?? 1, o.body.questionDeadline ?? null, o.now
]

export const INSERT_COLUMNS = `id, alliance_id, organization_id, created_by, status, title, occupation, description, skills, headcount, location,
  training_start, training_end, bid_deadline, budget_per_trainee, hiring_positions, monthly_salary_min, monthly_salary_max, min_bids,
  question_deadline, created_at, updated_at`
