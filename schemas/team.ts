// TypeBox schemas for organizations with several people: members, invitations and password resets.
import { Type, type Static } from 'typebox'
import { Id, Instant, Name, Email, Password, Nullable, PageQuery } from './common.ts'

export const OrgRole = Type.Union([
  Type.Literal('owner'),
  Type.Literal('manager'),
  Type.Literal('member')
], { description: 'owner: registered the organization, or was made owner; manager: invites and (de)activates members; member: does the work' })

export const InvitedRole = Type.Union([
  Type.Literal('manager'),
  Type.Literal('member')
], { description: 'The role the invitee joins with' })

export const UserStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('deactivated')
])

export const Member = Type.Object({
  id: Id,
  email: Email,
  name: Name,
  orgRole: OrgRole,
  status: UserStatus,
  lastLoginAt: Nullable(Instant),
  createdAt: Instant
}, { $id: 'Member' })
export type MemberDto = Static<typeof Member>

export const MemberList = Type.Object({
  items: Type.Array(Type.Ref('Member'), { maxItems: 1000 })
})

export const MemberParams = Type.Object({
  id: Id,
  userId: Id
}, { additionalProperties: false })

export const MemberPatch = Type.Object({
  orgRole: Type.Optional(OrgRole),
  status: Type.Optional(UserStatus)
}, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ status: 'deactivated' }]
})

export const InvitationStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('accepted'),
  Type.Literal('revoked'),
  Type.Literal('expired')
], { description: 'expired: still pending past expiresAt' })

export const Invitation = Type.Object({
  id: Id,
  organizationId: Id,
  email: Email,
  name: Nullable(Name),
  orgRole: InvitedRole,
  status: InvitationStatus,
  createdAt: Instant,
  expiresAt: Instant
}, { $id: 'Invitation' })
export type InvitationDto = Static<typeof Invitation>

export const InvitationBody = Type.Object({
  email: Email,
  orgRole: InvitedRole,
  name: Type.Optional(Name)
}, {
  additionalProperties: false,
  examples: [{ email: 'li.na@beilun-gearbox.example.cn', orgRole: 'member', name: '李娜' }]
})

export const InvitationQuery = Type.Object({
  status: Type.Optional(InvitationStatus),
  ...PageQuery
}, { additionalProperties: false })

export const InvitationToken = Type.String({
  minLength: 5,
  maxLength: 100,
  pattern: '^inv_[A-Za-z0-9_-]+$',
  description: 'The one-time token from the invitation mail'
})

export const PasswordResetBody = Type.Object({
  email: Email
}, { additionalProperties: false, examples: [{ email: 'hr@beilun-gearbox.example.cn' }] })

export const PasswordResetAccepted = Type.Object({
  detail: Type.String({ maxLength: 200 })
})

export const PasswordResetConfirmBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 100, description: 'The rst_ token from the reset mail' }),
  newPassword: Password
}, { additionalProperties: false, examples: [{ token: 'rst_2bV0kQ9sLm4xT7wR1cN8yH3jF6dA5gE', newPassword: 'Gearbox-line-2028#' }] })
