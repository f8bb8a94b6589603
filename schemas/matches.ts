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
  bidId: Type.Union([Id, Type.Null()], { description: 'The matched bid; null in an award notice read by another bidder' }),
  college: Type.Object({ id: Id, name: Name }, { description: 'The college whose bid is matched' }),
  enterprise: Type.Object({ id: Id, name: Name }, { description: 'The enterprise that owns the order' }),
  cohortId: Type.Union([Id, Type.Null()], { description: 'The cohort its approval created (GET /v1/cohorts/{id}); null until approved, and in an award notice read by another bidder' }),
  seats: Type.Integer({ minimum: 1, maximum: 1000 }),
  status: MatchStatus,
  note: Type.Union([LongText, Type.Null()], { description: "The coordinator's approval note; null in an award notice read by another bidder" }),
  reason: Type.Union([LongText, Type.Null()], { description: 'Why it was rejected (or withdrawn with its cancelled order); null otherwise' }),
  standstillUntil: Type.Union([Instant, Type.Null()], { description: 'Approval time + STANDSTILL_SECONDS: until then other bidders may complain (POST /v1/matches/{id}/complaints) and the cohort may not start; null until approved' }),
  createdAt: Instant,
  decidedAt: Nullable(Instant)
}, {
  $id: 'Match',
  description: "A match, read by its parties, the alliance's coordinators and admins; an approved or revoked one is also an award notice to every college with a live bid on the order"
})

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
