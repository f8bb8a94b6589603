// The outbox queries: claiming due deliveries under a lease, reading what to send, and recording each outcome.
import type { DataLayer, Executor } from '../../../db/executor.ts'

/** A claimed delivery with everything its message needs. */
export type ClaimedDelivery = {
  id: string
  attempts: number
  leaseUntil: string
  url: string
  secret: string
  eventId: string
  type: string
  occurredAt: string
  orderId: string | null
  eventData: string
  notificationData: string | null
}

const DUE = `select id from webhook_deliveries
  where status = 'pending' and next_attempt_at <= @now and (lease_until is null or lease_until <= @now)
  order by next_attempt_at limit @limit`

/**
 * One statement takes the lease and counts the attempt. On PostgreSQL concurrent workers skip the rows another one
 * is claiming (skip locked); on SQLite writes run one at a time, so the statement alone is enough.
 */
const claimSql = (tx: Executor) => `update webhook_deliveries set attempts = attempts + 1, lease_until = @lease
  where id in (${tx.engine === 'postgres' ? `${DUE} for update skip locked` : DUE})
  returning id`

const DETAILS = `select d.id, d.attempts, d.lease_until as "leaseUntil", w.url, w.secret, e.id as "eventId", e.type,
  e.created_at as "occurredAt", e.order_id as "orderId", e.data as "eventData", n.data as "notificationData"
  from webhook_deliveries d
  join webhooks w on w.id = d.webhook_id
  join notifications n on n.id = d.notification_id
  join events e on e.id = n.event_id`

/** Claims up to `limit` due deliveries until `leaseUntil` and returns them, oldest due first. */
export async function claimDue (data: DataLayer, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
  // A read first: most passes find nothing due, and then take no write lock.
  if (!await data.get(DUE, { now: now.toISOString(), limit: 1 })) return []
  return data.write(async (tx) => {
    const lease = leaseUntil.toISOString()
    const claimed = await tx.all<{ id: string }>(claimSql(tx), { now: now.toISOString(), lease, limit })
    if (claimed.length === 0) return []
    const params: Record<string, string> = { lease }
    const names = claimed.map((row, i) => {
      params[`id${i}`] = row.id
      return `@id${i}`
    })
    const text = `${DETAILS} where d.id in (${names.join(', ')}) and d.lease_until = @lease order by d.next_attempt_at, d.id`
    return tx.all<ClaimedDelivery>(text, params)
  })
}

/** The outcome of one attempt; each update holds only while the attempt's lease is still the row's. */
export type Outcome =
  | { kind: 'delivered', statusCode: number, at: Date }
  | { kind: 'retry', statusCode: number | null, error: string, nextAttemptAt: Date }
  | { kind: 'failed', statusCode: number | null, error: string }

const FENCE = 'where id = @id and lease_until = @lease'

const DELIVERED = `update webhook_deliveries set status = 'delivered', last_status_code = @statusCode, last_error = null,
  delivered_at = @at, next_attempt_at = null, lease_until = null ${FENCE}`
const RETRY = `update webhook_deliveries set last_status_code = @statusCode, last_error = @error,
  next_attempt_at = @nextAttemptAt, lease_until = null ${FENCE}`
const FAILED = `update webhook_deliveries set status = 'failed', last_status_code = @statusCode, last_error = @error,
  next_attempt_at = null, lease_until = null ${FENCE}`

/** Records the outcome; false when the lease was lost (expired and claimed again, or the endpoint deleted). */
export async function recordOutcome (data: DataLayer, delivery: { id: string, leaseUntil: string }, outcome: Outcome): Promise<boolean> {
  const fence = { id: delivery.id, lease: delivery.leaseUntil }
  const result = outcome.kind === 'delivered'
    ? await data.run(DELIVERED, { ...fence, statusCode: outcome.statusCode, at: outcome.at.toISOString() })
    : outcome.kind === 'retry'
      ? await data.run(RETRY, { ...fence, statusCode: outcome.statusCode, error: outcome.error, nextAttemptAt: outcome.nextAttemptAt.toISOString() })
      : await data.run(FAILED, { ...fence, statusCode: outcome.statusCode, error: outcome.error })
  return result.changes === 1
}
