// TypeBox schemas for alliances and memberships.
import { Type } from 'typebox'
import { allianceExample, reasonExample } from './examples.ts'
import { Id, Instant, Name, LongText, Reason, Nullable, OrganizationKind, PageOf, PageQuery } from './common.ts'

export const AllianceCode = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9-]{1,39}$', description: 'Stable slug', examples: ['equipment'] })
export const AllianceCodeParams = Type.Object({ code: AllianceCode }, { additionalProperties: false })

export const Alliance = Type.Object({
  code: AllianceCode,
  name: Name,
  nameZh: Name,
  description: LongText,
  memberCount: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Active member organizations' }),
  enterpriseCount: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
  collegeCount: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
  createdAt: Instant
}, { $id: 'Alliance' })

export const AllianceList = PageOf(Type.Ref('Alliance'))
export const AllianceListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

export const CreateAllianceBody = Type.Object({
  code: AllianceCode,
  name: Name,
  nameZh: Name,
  description: Type.Optional(LongText)
}, { additionalProperties: false, examples: [allianceExample] })

export const MembershipStatus = Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('rejected')])

export const Membership = Type.Object({
  id: Id,
  allianceCode: AllianceCode,
  organization: Type.Object({ id: Id, name: Name, kind: OrganizationKind }),
  status: MembershipStatus,
  reason: Nullable(LongText),
  decidedAt: Nullable(Instant),
  createdAt: Instant
}, { $id: 'Membership' })

export const MembershipList = PageOf(Type.Ref('Membership'))
export const MembershipListQuery = Type.Object({ status: Type.Optional(MembershipStatus), ...PageQuery }, { additionalProperties: false })
export const RejectBody = Type.Object({ reason: Reason }, { additionalProperties: false, examples: [reasonExample] })
