// The append-only event log: every state change and bid revision, with its actor and data.
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'

export const events = sqliteTable('events', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  id: text('id').notNull().unique(),
  type: text('type').notNull(),
  orderId: text('order_id'),
  allianceId: text('alliance_id'),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id').notNull(),
  actorUserId: text('actor_user_id'),
  actorOrganizationId: text('actor_organization_id'),
  actorRole: text('actor_role'),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: text('created_at').notNull()
}, (t) => [
  index('events_order_seq_idx').on(t.orderId, t.seq),
  index('events_subject_idx').on(t.subjectType, t.subjectId)
])
