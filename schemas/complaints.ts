// TypeBox schemas for complaints: another bidder contests an approved match during its standstill; the coordinator decides.
import { Type, type Static } from 'typebox'
import { Id, Instant, Name, Nullable, PageOf, PageQuery, Reason } from './common.ts'
import { decideComplaintExample, fileComplaintExample } from './examples.ts'

export const ComplaintStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('dismissed'),
  Type.Literal('upheld')
], { description: 'upheld: the match was revoked, its cohort cancelled and its seats returned to the order' })

export const FileComplaintBody = Type.Object({
  reason: Reason
}, {
  additionalProperties: false,
  examples: [fileComplaintExample]
})

export const DecideComplaintBody = Type.Object({
  decision: Reason
}, {
  additionalProperties: false,
  examples: [decideComplaintExample]
})

export const Complaint = Type.Object({
  id: Id,
  matchId: Id,
  orderId: Id,
  status: ComplaintStatus,
  reason: Type.String({ maxLength: 10_000 }),
  filedAt: Instant,
  decision: Nullable(Type.String({ maxLength: 10_000 })),
  decidedAt: Nullable(Instant),
  mine: Type.Boolean({ description: "True for the complaining college's users only" }),
  complainant: Type.Optional(Type.Object({
    id: Id,
    name: Name
  }, { description: "The complaining college; shown to the alliance's coordinators and admins only" }))
}, {
  $id: 'Complaint',
  description: 'A complaint against an approved match; who complained is not shown to the owner nor to the matched college'
})
export type ComplaintDto = Static<typeof Complaint>

export const ComplaintList = PageOf(Type.Ref('Complaint'))

export const ComplaintListQuery = Type.Object({
  status: Type.Optional(ComplaintStatus),
  orderId: Type.Optional(Id),
  ...PageQuery
}, { additionalProperties: false })
