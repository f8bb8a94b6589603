// PostgreSQL tables for notifications: each event's recipients (the inbox and the change feed), webhook endpoints and their outbox.
import { pgTable, text, integer, bigint, index, primaryKey, customType } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { id, instant, createdAt } from './columns.ts'
import { events } from './events.ts'
import { users } from './identity.ts'
import { deliveryStatuses } from '../../schema/notifications.ts'

/** A transaction id (`xid8`), read as its decimal text. */
const xid8 = customType<{ data: string, driverData: string }>({ dataType: () => 'xid8' })

/**
 * One row per recipient of an event: the recipient is an organization (for its people) or a user (a coordinator or
 * an admin). `data` is the event's data as that recipient may read it, fixed when the event is written (null: the
 * event's own). `inbox` 0 marks a row for the change feed only (the recipient's own act, or an event it observes).
 */
export const notifications = pgTable('notifications', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  /**
   * The writing transaction's id. The change feed reads in (txId, seq) order and only below the oldest running
   * transaction, so a row whose transaction commits late is never passed over (docs/webhooks.md, "The change feed").
   */
  txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
  id: text('id').notNull().unique(),
  recipientId: text('recipient_id').notNull(),
  eventId: text('event_id').notNull().references(() => events.id),
  data: text('data'),
  inbox: integer('inbox').notNull(),
  readAt: instant('read_at'),
  createdAt: createdAt()
}, (t) => [
  index('notifications_recipient_idx').on(t.recipientId, t.seq),
  index('notifications_feed_idx').on(t.recipientId, t.txId, t.seq),
  index('notifications_unread_idx').on(t.recipientId, t.seq).where(sql`inbox = 1 and read_at is null`)
])

/** A webhook endpoint of an organization (or of a coordinator or admin: `ownerId` is then the user). */
export const webhooks = pgTable('webhooks', {
  id: id(),
  ownerId: text('owner_id').notNull(),
  url: text('url').notNull(),
  description: text('description').notNull(),
  /** `whsec_` + base64 of 32 random bytes; returned once, when the endpoint is created. */
  secret: text('secret').notNull(),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: createdAt()
}, (t) => [
  index('webhooks_owner_idx').on(t.ownerId, t.id)
])

/** The event types an endpoint subscribes to, one row each (`*`: every type). */
export const webhookEventTypes = pgTable('webhook_event_types', {
  webhookId: text('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
  type: text('type').notNull()
}, (t) => [
  primaryKey({ columns: [t.webhookId, t.type] })
])

/**
 * The outbox: one delivery of one recipient's notification to one endpoint, written in the transaction of the event.
 * A worker claims due rows with a lease (`leaseUntil`), so one process at a time attempts a given delivery.
 */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: id(),
  webhookId: text('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
  notificationId: text('notification_id').notNull().references(() => notifications.id),
  status: text('status', { enum: deliveryStatuses }).notNull(),
  attempts: integer('attempts').notNull(),
  lastStatusCode: integer('last_status_code'),
  lastError: text('last_error'),
  nextAttemptAt: instant('next_attempt_at'),
  leaseUntil: instant('lease_until'),
  deliveredAt: instant('delivered_at'),
  createdAt: createdAt()
}, (t) => [
  index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id),
  index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`)
])
