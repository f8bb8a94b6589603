// Bid queries: one bid, an order's bids, a college's bids (keyset over ids, newest first).
import type { Executor } from '../../../db/executor.ts'
import type { BidStatus, CurriculumModule } from '../../../db/schema/index.ts'
import type { BidDto } from '../../../schemas/bids.ts'

export type BidRow = Omit<BidDto, 'college' | 'enterprise' | 'orderId' | 'orderTitle' | 'curriculum'> & {
  orderId: string
  orderTitle: string
  organizationId: string
  collegeName: string
  enterpriseId: string
  enterpriseName: string
  curriculum: CurriculumModule[]
}

type RawBidRow = Omit<BidRow, 'curriculum'> & { curriculum: string }

/**
 * The status as everybody reads it (`@now`): on an open order past its deadline, a bid waiting for confirmation has
 * lapsed, and a submitted one is not selected when the order got too few (unsuccessful, order-sql.ts), whether or
 * not a write has stored that yet.
 */
const EFFECTIVE_STATUS = `case when bo.status = 'open' and bo.bid_deadline <= @now then (case
    when b.status = 'needs_confirmation' then 'lapsed'
    when b.status = 'submitted'
      and (select count(*) from bids tb where tb.order_id = bo.id and tb.status = 'submitted') < bo.min_bids then 'not_selected'
    else b.status end)
  else b.status end`

// The order's title and both organizations' names come joined, one statement per read or page.
const COLUMNS = `b.id, b.order_id as "orderId", bo.title as "orderTitle", b.organization_id as "organizationId",
  bc.name as "collegeName", bo.organization_id as "enterpriseId", be.name as "enterpriseName",
  ${EFFECTIVE_STATUS} as status, b.cohort_size as "cohortSize", b.start_date as "startDate", b.duration_weeks as "durationWeeks",
  b.price_per_trainee as "pricePerTrainee", b.curriculum, b.message, b.total_hours as "totalHours",
  b.total_price as "totalPrice", b.revision, b.created_at as "createdAt", b.updated_at as "updatedAt"`

const JOINS = `join orders bo on bo.id = b.order_id
  join organizations bc on bc.id = b.organization_id
  join organizations be on be.id = bo.organization_id`

const toRow = (raw: RawBidRow): BidRow => ({ ...raw, curriculum: JSON.parse(raw.curriculum) as CurriculumModule[] })

/** One bid, its status as of `now`. */
export async function findBid (ex: Executor, id: string, now: Date): Promise<BidRow | undefined> {
  const raw = await ex.get<RawBidRow>(`select ${COLUMNS} from bids b ${JOINS} where b.id = @id`, { id, now: now.toISOString() })
  return raw ? toRow(raw) : undefined
}

/** The college's live (not withdrawn) bid on the order, if any (a lapsed or settled one too: one bid per college). */
export const findLiveBid = (ex: Executor, orderId: string, organizationId: string) =>
  ex.get<{ id: string }>("select id from bids where order_id = @orderId and organization_id = @organizationId and status <> 'withdrawn'",
    { orderId, organizationId })

export type BidListFilter = {
  orderId?: string | undefined
  organizationId?: string | undefined
  /** Of the status as of `now` (EFFECTIVE_STATUS). */
  status?: BidStatus | undefined
  beforeId?: string | undefined
  limit: number
  now: Date
}

/** Bids of an order and/or of a college, newest first; at least one of orderId and organizationId is set. */
export async function listBids (ex: Executor, filter: BidListFilter): Promise<BidRow[]> {
  const where: string[] = []
  if (filter.orderId !== undefined) where.push('b.order_id = @orderId')
  if (filter.organizationId !== undefined) where.push('b.organization_id = @organizationId')
  if (where.length === 0) throw new Error('listBids needs an order or a college')
  if (filter.status !== undefined) where.push(`${EFFECTIVE_STATUS} = @status`)
  if (filter.beforeId !== undefined) where.push('b.id < @beforeId')
  const text = `select ${COLUMNS} from bids b ${JOINS} where ${where.join(' and ')} order by b.id desc limit @limit`
  return (await ex.all<RawBidRow>(text, { ...filter, now: filter.now.toISOString(), limit: filter.limit + 1 })).map(toRow)
}

export const toBidDto = (row: BidRow): BidDto => ({
  id: row.id,
  orderId: row.orderId,
  orderTitle: row.orderTitle,
  college: { id: row.organizationId, name: row.collegeName },
  enterprise: { id: row.enterpriseId, name: row.enterpriseName },
  status: row.status,
  cohortSize: row.cohortSize,
  startDate: row.startDate,
  durationWeeks: row.durationWeeks,
  pricePerTrainee: row.pricePerTrainee,
  curriculum: row.curriculum,
  message: row.message,
  totalHours: row.totalHours,
  totalPrice: row.totalPrice,
  revision: row.revision,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt
})
