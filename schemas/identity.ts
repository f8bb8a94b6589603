// TypeBox schemas for users, organizations, registration, login and tokens.
import { Type, type Static } from 'typebox'
import { loginExample, organizationPatchExample, passwordChangeExample, refreshExample, registerExample, userExample } from './examples.ts'
import { TrackRecord } from './track-records.ts'
import { OrgRole, InvitationToken } from './team.ts'
import { Id, Instant, Name, NonBlankText, LongText, SkillTag, Email, Password, PasswordAttempt, Role, OrganizationKind, Nullable } from './common.ts'

export const User = Type.Object({
  id: Id,
  email: Email,
  name: Name,
  role: Role,
  organizationId: Nullable(Id),
  orgRole: Nullable(OrgRole),
  createdAt: Instant
}, { $id: 'User' })
export type UserDto = Static<typeof User>

const City = NonBlankText(200)
const Specialties = Type.Array(SkillTag, { maxItems: 50, uniqueItems: true, description: 'Skill tags the college trains' })
const AnnualCapacity = Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Trainees a year' })
const Industry = NonBlankText(200)

export const Organization = Type.Object({
  id: Id,
  kind: OrganizationKind,
  name: Name,
  city: Nullable(City),
  description: Nullable(LongText),
  specialties: Type.Optional(Specialties),
  annualCapacity: Type.Optional(Nullable(AnnualCapacity)),
  industry: Type.Optional(Nullable(Industry)),
  alliances: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100, description: 'Alliances where it is an active member' })),
  trackRecord: Type.Optional(TrackRecord),
  createdAt: Instant,
  updatedAt: Instant
}, { $id: 'Organization' })
export type OrganizationDto = Static<typeof Organization>

/** Every organization field, for code that stores either kind. */
export const OrganizationFields = Type.Object({
  kind: OrganizationKind,
  name: Name,
  city: Type.Optional(City),
  description: Type.Optional(LongText),
  specialties: Type.Optional(Specialties),
  annualCapacity: Type.Optional(AnnualCapacity),
  industry: Type.Optional(Industry)
}, { additionalProperties: false })
export type OrganizationInputDto = Static<typeof OrganizationFields>

/** The organization at registration: enterprises may state an industry, colleges specialties and capacity; the schema says which. */
export const OrganizationInput = Type.Union([
  Type.Object({
    kind: Type.Literal('enterprise'),
    name: Name,
    city: Type.Optional(City),
    description: Type.Optional(LongText),
    industry: Type.Optional(Industry)
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('college'),
    name: Name,
    city: Type.Optional(City),
    description: Type.Optional(LongText),
    specialties: Type.Optional(Specialties),
    annualCapacity: Type.Optional(AnnualCapacity)
  }, { additionalProperties: false })
])

export const OrganizationPatch = Type.Object({
  name: Type.Optional(Name),
  city: Type.Optional(Nullable(City)),
  description: Type.Optional(Nullable(LongText)),
  specialties: Type.Optional(Specialties),
  annualCapacity: Type.Optional(Nullable(AnnualCapacity)),
  industry: Type.Optional(Nullable(Industry))
}, { additionalProperties: false, minProperties: 1, examples: [organizationPatchExample] })
export type OrganizationPatchDto = Static<typeof OrganizationPatch>

const RegisterFields = {
  email: Email,
  password: Password,
  name: Name
}

/** Registration: either an organization (registered, the user its owner) or an invitation token (joining the inviting organization). */
export const RegisterBody = Type.Union([
  Type.Object({
    ...RegisterFields,
    organization: OrganizationInput
  }, { additionalProperties: false, title: 'Register an organization' }),
  Type.Object({
    ...RegisterFields,
    invitationToken: InvitationToken
  }, { additionalProperties: false, title: 'Join by invitation' })
], { examples: [registerExample] })

export const LoginBody = Type.Object({
  email: Email,
  password: PasswordAttempt
}, { additionalProperties: false, examples: [loginExample] })

export const RefreshBody = Type.Object({
  refreshToken: Type.String({ minLength: 1, maxLength: 200 })
}, { additionalProperties: false, examples: [refreshExample] })

export const PasswordChangeBody = Type.Object({
  currentPassword: PasswordAttempt,
  newPassword: Password
}, { additionalProperties: false, examples: [passwordChangeExample] })

const TokenFields = {
  accessToken: Type.String({ maxLength: 2000 }),
  refreshToken: Type.String({ maxLength: 200 }),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ minimum: 1, maximum: 86400, description: 'Access token lifetime in seconds' })
}

export const TokenPair = Type.Object(TokenFields)
export const LoginResponse = Type.Object({ ...TokenFields, user: User })
export const RegisterResponse = Type.Object({ ...TokenFields, user: User, organization: Organization })

export const CreateUserBody = Type.Object({
  email: Email,
  password: Password,
  name: Name,
  role: Type.Union([Type.Literal('coordinator'), Type.Literal('admin')]),
  alliances: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 50, uniqueItems: true, description: 'Alliance codes a coordinator serves (at least one; none for admins: 422 otherwise)' }))
}, { additionalProperties: false, examples: [userExample] })

export const AllianceRef = Type.Object({ code: Type.String({ maxLength: 40 }), name: Name, nameZh: Name })

export const CreatedUser = Type.Object({ user: User, alliances: Type.Array(AllianceRef, { maxItems: 50 }) })

export const Me = Type.Object({
  user: User,
  organization: Nullable(Organization),
  memberships: Type.Array(Type.Object({
    id: Id,
    allianceCode: Type.String({ maxLength: 40 }),
    status: Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('rejected')]),
    reason: Nullable(LongText)
  }), { maxItems: 100 }),
  alliances: Type.Array(AllianceRef, { maxItems: 100, description: "A coordinator's alliances (empty for others)" })
})
