// Writes an event's notifications and its webhook deliveries (the outbox) in the transaction that records the event.
import type { Executor } from '../../../db/executor.ts'
import { newId } from '../../lib/ids.ts'
import { recipientsOf, type AddressedEvent, type Recipient } from './addressing.ts'

/** Rows per insert statement: 5 parameters each, well under either engine's limit. */
const CHUNK = 200

async function insertNotifications (tx: Executor, eventId: string, at: Date, recipients: Recipient[]): Promise<void> {
  const createdAt = at.toISOString()
  for (let start = 0; start < recipients.length; start += CHUNK) {
    const params: Record<string, unknown> = { eventId, createdAt }
    const rows = recipients.slice(start, start + CHUNK).map((recipient, i) => {
      params[`id${i}`] = newId(at.getTime())
      params[`recipient${i}`] = recipient.id
      params[`data${i}`] = recipient.data === null ? null : JSON.stringify(recipient.data)
      params[`inbox${i}`] = recipient.inbox ? 1 : 0
      return `(@id${i}, @recipient${i}, @eventId, @data${i}, @inbox${i}, @createdAt)`
    })
    await tx.run(`insert into notifications (id, recipient_id, event_id, data, inbox, created_at) values ${rows.join(', ')}`, params)
  }
}

/** The endpoints of this event's recipients that subscribe to its type. */
const SUBSCRIBED_SQL = `select w.id as "webhookId", n.id as "notificationId"
  from notifications n
  join webhooks w on w.owner_id = n.recipient_id
  join webhook_event_types t on t.webhook_id = w.id and (t.type = @type or t.type = '*')
  where n.event_id = @eventId
  order by w.id`

const INSERT_DELIVERY = `insert into webhook_deliveries (id, webhook_id, notification_id, status, attempts, next_attempt_at, created_at)
  values (@id, @webhookId, @notificationId, 'pending', 0, @at, @at)`

async function insertDeliveries (tx: Executor, eventId: string, type: string, at: Date): Promise<void> {
  const subscribed = await tx.all<{ webhookId: string, notificationId: string }>(SUBSCRIBED_SQL, { eventId, type })
  for (const row of subscribed) {
    await tx.run(INSERT_DELIVERY, { id: newId(at.getTime()), ...row, at: at.toISOString() })
  }
}

/** Addresses the event just recorded: one notification per recipient, one pending delivery per subscribed endpoint. */
export async function notifyEvent (tx: Executor, eventId: string, at: Date, event: AddressedEvent): Promise<void> {
  const recipients = await recipientsOf(tx, event)
  if (recipients.length === 0) return
  await insertNotifications(tx, eventId, at, recipients)
  await insertDeliveries(tx, eventId, event.type, at)
}
