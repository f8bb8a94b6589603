// The mail outbox: messages written in the transaction of what they announce, claimed under a lease, their outcome fenced on it.
import type { DataLayer, Executor } from '../../../db/executor.ts'
import { mailOutbox } from '../../../db/schema/index.ts'
import { newId } from '../../lib/ids.ts'

export type OutgoingMail = { to: string, subject: string, text: string }

/** Writes a message due now into the outbox, inside the caller's transaction: it is sent only if that commits. */
export async function enqueueMail (tx: Executor, message: OutgoingMail, at: Date): Promise<string> {
  const id = newId(at.getTime())
  await tx.orm.insert(mailOutbox).values({
    id,
    recipient: message.to,
    subject: message.subject,
    body: message.text,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at.toISOString(),
    createdAt: at.toISOString()
  }).run()
  return id
}

export type ClaimedMail = OutgoingMail & { id: string, attempts: number, leaseUntil: string, createdAt: string }

const DUE = `select id from mail_outbox
  where status = 'pending' and next_attempt_at <= @now and (lease_until is null or lease_until <= @now)
  order by next_attempt_at limit @limit`

/** One statement takes the lease and counts the attempt; PostgreSQL workers skip rows another one is claiming. */
const claimSql = (tx: Executor) => `update mail_outbox set attempts = attempts + 1, lease_until = @lease
  where id in (${tx.engine === 'postgres' ? `${DUE} for update skip locked` : DUE})
  returning id, recipient as "to", subject, body as text, attempts, lease_until as "leaseUntil", created_at as "createdAt"`

/** Claims up to `limit` due messages until `leaseUntil`, oldest due first. */
export async function claimDueMail (data: DataLayer, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMail[]> {
  // A read first: most passes find nothing due, and then take no write lock.
  if (!await data.get(DUE, { now: now.toISOString(), limit: 1 })) return []
  const claimed = await data.write((tx) => tx.all<ClaimedMail>(claimSql(tx), { now: now.toISOString(), lease: leaseUntil.toISOString(), limit }))
  return claimed.map((row) => ({ ...row, attempts: Number(row.attempts) })).sort((a, b) => a.id.localeCompare(b.id))
}

export type MailOutcome =
  | { kind: 'sent', at: Date }
  | { kind: 'retry', error: string, nextAttemptAt: Date }
  | { kind: 'failed', error: string }

const FENCE = 'where id = @id and lease_until = @lease'
const SENT = `update mail_outbox set status = 'sent', sent_at = @at, last_error = null, next_attempt_at = null, lease_until = null ${FENCE}`
const RETRY = `update mail_outbox set last_error = @error, next_attempt_at = @nextAttemptAt, lease_until = null ${FENCE}`
const FAILED = `update mail_outbox set status = 'failed', last_error = @error, next_attempt_at = null, lease_until = null ${FENCE}`

const RELEASE = `update mail_outbox set attempts = attempts - 1, lease_until = null ${FENCE}`

/** Gives a claimed message back unattempted (the pass ran out of lease, or the process is closing): due again at once. */
export async function releaseMail (data: DataLayer, mail: { id: string, leaseUntil: string }): Promise<boolean> {
  return (await data.run(RELEASE, { id: mail.id, lease: mail.leaseUntil })).changes === 1
}

/** Records an attempt's outcome; false when the lease was lost (it lapsed and another worker claimed the message). */
export async function recordMailOutcome (data: DataLayer, mail: { id: string, leaseUntil: string }, outcome: MailOutcome): Promise<boolean> {
  const fence = { id: mail.id, lease: mail.leaseUntil }
  const result = outcome.kind === 'sent'
    ? await data.run(SENT, { ...fence, at: outcome.at.toISOString() })
    : outcome.kind === 'retry'
      ? await data.run(RETRY, { ...fence, error: outcome.error.slice(0, 1000), nextAttemptAt: outcome.nextAttemptAt.toISOString() })
      : await data.run(FAILED, { ...fence, error: outcome.error.slice(0, 1000) })
  return result.changes === 1
}
