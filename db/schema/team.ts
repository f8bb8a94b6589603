// Tables for organizations with several people: invitations, password resets and the mail outbox.
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'
import { id, instant, createdAt } from './columns.ts'
import { organizations, users } from './identity.ts'

/** Stored statuses; a pending invitation past its expiresAt reads as `expired`. */
export const invitationStatuses = ['pending', 'accepted', 'revoked'] as const
export type InvitationStatus = typeof invitationStatuses[number]
export const invitedRoles = ['manager', 'member'] as const

export const invitations = sqliteTable('invitations', {
  id: id(),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  email: text('email').notNull(),
  emailNormalized: text('email_normalized').notNull(),
  name: text('name'),
  orgRole: text('org_role', { enum: invitedRoles }).notNull(),
  status: text('status', { enum: invitationStatuses }).notNull(),
  // SHA-256 of the current token (inv_…); a resend replaces it, so the old token stops working.
  tokenHash: text('token_hash').notNull(),
  invitedBy: text('invited_by').notNull().references(() => users.id),
  acceptedUserId: text('accepted_user_id').references(() => users.id),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  updatedAt: instant('updated_at').notNull()
}, (t) => [
  uniqueIndex('invitations_token_hash_uq').on(t.tokenHash),
  index('invitations_organization_idx').on(t.organizationId, t.status, t.id),
  index('invitations_email_idx').on(t.emailNormalized, t.status)
])

export const passwordResets = sqliteTable('password_resets', {
  // SHA-256 of the token (rst_…).
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at')
}, (t) => [
  index('password_resets_user_idx').on(t.userId)
])

export const mailStatuses = ['pending', 'sent', 'failed'] as const
export type MailStatus = typeof mailStatuses[number]

/** Outgoing mail, written in the transaction of what it announces and sent by the mail worker. */
export const mailOutbox = sqliteTable('mail_outbox', {
  id: id(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  status: text('status', { enum: mailStatuses }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  nextAttemptAt: instant('next_attempt_at'),
  leaseUntil: instant('lease_until'),
  sentAt: instant('sent_at'),
  createdAt: createdAt()
}, (t) => [
  index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`)
])
