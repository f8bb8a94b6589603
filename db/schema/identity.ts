// Tables for identity: alliances, organizations, users, coordinator scopes, memberships, sessions.
import { sqliteTable, text, integer, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core'
import { id, instant, createdAt } from './columns.ts'

export const orgRoles = ['owner', 'manager', 'member'] as const
export type OrgRole = typeof orgRoles[number]
export const userStatuses = ['active', 'deactivated'] as const
export type UserStatus = typeof userStatuses[number]

export const alliances = sqliteTable('alliances', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameZh: text('name_zh').notNull(),
  description: text('description').notNull().default(''),
  createdAt: createdAt()
})

export const organizations = sqliteTable('organizations', {
  id: id(),
  kind: text('kind', { enum: ['enterprise', 'college'] }).notNull(),
  name: text('name').notNull(),
  city: text('city'),
  description: text('description'),
  specialties: text('specialties', { mode: 'json' }).$type<string[]>(),
  annualCapacity: integer('annual_capacity'),
  industry: text('industry'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull()
}, (t) => [
  index('organizations_kind_name_idx').on(t.kind, t.name),
  // Covering lookup for recommendations: kind and capacity by id without reading the profile row.
  index('organizations_matching_idx').on(t.id, t.kind, t.annualCapacity)
])

export const users = sqliteTable('users', {
  id: id(),
  email: text('email').notNull(),
  emailNormalized: text('email_normalized').notNull(),
  passwordHash: text('password_hash').notNull(),
  name: text('name').notNull(),
  role: text('role', { enum: ['enterprise', 'college', 'coordinator', 'admin'] }).notNull(),
  organizationId: text('organization_id').references(() => organizations.id),
  // Enterprise and college users only: owner (who registered the organization), manager or member.
  orgRole: text('org_role', { enum: orgRoles }),
  // A deactivated user cannot log in and has no live session; their past actions stay theirs.
  status: text('status', { enum: userStatuses }).notNull().default('active'),
  lastLoginAt: instant('last_login_at'),
  createdAt: createdAt(),
  passwordChangedAt: instant('password_changed_at')
}, (t) => [
  uniqueIndex('users_email_normalized_uq').on(t.emailNormalized),
  index('users_organization_idx').on(t.organizationId, t.orgRole, t.status)
])

export const coordinatorAlliances = sqliteTable('coordinator_alliances', {
  userId: text('user_id').notNull().references(() => users.id),
  allianceId: text('alliance_id').notNull().references(() => alliances.id)
}, (t) => [
  primaryKey({ columns: [t.userId, t.allianceId] }),
  index('coordinator_alliances_alliance_idx').on(t.allianceId)
])

export const memberships = sqliteTable('memberships', {
  id: id(),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  allianceId: text('alliance_id').notNull().references(() => alliances.id),
  status: text('status', { enum: ['pending', 'active', 'rejected'] }).notNull(),
  reason: text('reason'),
  requestedBy: text('requested_by').references(() => users.id),
  decidedBy: text('decided_by').references(() => users.id),
  decidedAt: instant('decided_at'),
  createdAt: createdAt()
}, (t) => [
  uniqueIndex('memberships_org_alliance_uq').on(t.organizationId, t.allianceId),
  index('memberships_alliance_status_idx').on(t.allianceId, t.status, t.id),
  // Covering scan of an alliance's active members for recommendations.
  index('memberships_alliance_status_org_idx').on(t.allianceId, t.status, t.organizationId)
])

// A session is one login: the family of its rotating refresh tokens.
export const sessions = sqliteTable('sessions', {
  id: id(),
  userId: text('user_id').notNull().references(() => users.id),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  revokedAt: instant('revoked_at'),
  revokedReason: text('revoked_reason')
}, (t) => [
  index('sessions_user_idx').on(t.userId)
])

export const refreshTokens = sqliteTable('refresh_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  sessionId: text('session_id').notNull().references(() => sessions.id),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at')
}, (t) => [
  index('refresh_tokens_session_idx').on(t.sessionId)
])
