// TypeBox schemas for matches: the enterprise takes seats from a bid; the alliance's coordinator decides.
import { Type } from 'typebox'
import { Id, Instant, Name, LongText, Reason, Nullable, PageOf, PageQuery } from './common.ts'
import { AllianceCode } from './alliances.ts'
import { approveMatchExample, proposeMatchExample, reasonExample } from './examples.ts'

export const MatchStatus = Type.Union([
  Type.Literal('proposed'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('withdrawn'),
  Type.Literal('revoked')
], { description: 'revoked: a complaint against the approved match was upheld' })

export const Match = Type.Object({
  id: Id,
  orderId: Id,
  orderTitle: Type.String({ ...Name, description: "The order's title" }),
  bidId: Id,
  college: Type.Object({ id: Id, name: Name }, { description: 'The college whose bid is matched' }),
  enterprise: Type.Object({ id: Id, name: Name }, { description: 'The enterprise that owns the order' }),
  cohortId: Type.Union([Id, Type.Null()], { description: 'The cohort its approval created (GET /v1/cohorts/{id}); null until approved' }),
  seats: Type.Integer({ minimum: 1, maximum: 1000 }),
  status: MatchStatus,
  note: Nullable(LongText),
  reason: Nullable(LongText),
  createdAt: Instant,
  decidedAt: Nullable(Instant)
}, { $id: 'Match' })

export const MatchList = PageOf(Type.Ref('Match'))

export const ProposeMatchBody = Type.Object({
  bidId: Id,
  seats: Type.Integer({ minimum: 1, maximum: 100_000, description: "1 to the bid's cohortSize (over it: 422); proposed plus approved seats never exceed the headcount" })
}, { additionalProperties: false, examples: [proposeMatchExample] })

export const ApproveMatchBody = Type.Optional(Type.Object({ note: Type.Optional(LongText) }, { additionalProperties: false, examples: [approveMatchExample] }))
export const RejectMatchBody = Type.Object({ reason: Reason }, { additionalProperties: false, examples: [reasonExample] })

export const MatchListQuery = Type.Object({
  status: Type.Optional(MatchStatus),
  alliance: Type.Optional(AllianceCode),
  orderId: Type.Optional(Id),
  ...PageQuery
}, { additionalProperties: false })
