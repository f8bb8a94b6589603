// PostgreSQL event log: every state change and bid revision, with its actor and data.
import { pgTable, text, bigint, jsonb, index } from 'drizzle-orm/pg-core'
import { instant } from './columns.ts'

export const events = pgTable('events', {
  // By default (not always) as identity, so a copy from SQLite keeps each event's seq (then setval).
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  id: text('id').notNull().unique(),
  type: text('type').notNull(),
  orderId: text('order_id'),
  allianceId: text('alliance_id'),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id').notNull(),
  actorUserId: text('actor_user_id'),
  actorOrganizationId: text('actor_organization_id'),
  actorRole: text('actor_role'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  createdAt: instant('created_at').notNull()
}, (t) => [
  index('events_order_seq_idx').on(t.orderId, t.seq),
  index('events_subject_idx').on(t.subjectType, t.subjectId)
])
