// TypeBox schemas for training orders, their lifecycle actions and their event timeline.
import { Type, type Static } from 'typebox'
import { Id, Instant, DateString, Money, Name, LongText, SkillTag, Reason, Nullable, PageOf, PageQuery, Role } from './common.ts'
import { AllianceCode } from './alliances.ts'
import { orderExample, orderPatchExample, cancelOrderExample } from './examples.ts'

export const OrderStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('open'),
  Type.Literal('evaluating'),
  Type.Literal('awarded'),
  Type.Literal('cancelled'),
  Type.Literal('unsuccessful')
], { description: 'An open order whose bidDeadline has passed reads as evaluating, or as unsuccessful with fewer submitted bids than minBids' })

const Headcount = Type.Integer({ minimum: 1, maximum: 1000, description: 'Trainees wanted' })
const Skills = Type.Array(SkillTag, { minItems: 1, maxItems: 20, uniqueItems: true, description: 'Skill tags (Chinese or English)' })
const Salary = Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'CNY per month' })
const MinBids = Type.Integer({
  minimum: 1,
  maximum: 20,
  description: 'Fewer submitted bids than this when bidding closes: the order becomes unsuccessful (default 1)'
})
const QuestionDeadline = Type.String({
  ...Instant,
  description: 'RFC 3339 instant, UTC; colleges ask questions until then (default: the bidDeadline); no later than bidDeadline'
})

export const HiringCommitmentInput = Type.Object({
  positions: Type.Integer({ minimum: 1, maximum: 1000, description: 'At most the headcount' }),
  monthlySalaryMin: Type.Optional(Salary),
  monthlySalaryMax: Type.Optional(Salary)
}, { additionalProperties: false })

export const HiringCommitment = Type.Object({
  positions: Type.Integer({ minimum: 1, maximum: 1000 }),
  monthlySalaryMin: Nullable(Salary),
  monthlySalaryMax: Nullable(Salary)
})

const OrderFields = {
  title: Type.String({ ...Name, examples: [orderExample.title] }),
  occupation: Type.String({ ...Name, examples: [orderExample.occupation] }),
  description: LongText,
  skills: Skills,
  headcount: Headcount,
  location: Type.String({ ...Name, examples: [orderExample.location] }),
  trainingStart: Type.String({ ...DateString, examples: [orderExample.trainingStart] }),
  trainingEnd: Type.String({ ...DateString, description: 'Calendar date, YYYY-MM-DD; after trainingStart', examples: [orderExample.trainingEnd] }),
  bidDeadline: Type.String({ ...Instant, description: 'RFC 3339 instant, UTC; in the future at publish, before trainingStart', examples: [orderExample.bidDeadline] })
}

export const CreateOrderBody = Type.Object({
  allianceCode: AllianceCode,
  ...OrderFields,
  description: Type.Optional(LongText),
  budgetPerTrainee: Type.Optional(Money),
  hiringCommitment: Type.Optional(HiringCommitmentInput),
  minBids: Type.Optional(MinBids),
  questionDeadline: Type.Optional(QuestionDeadline)
}, { additionalProperties: false, examples: [orderExample] })
export type CreateOrderInput = Static<typeof CreateOrderBody>

export const PatchOrderBody = Type.Object({
  title: Type.Optional(OrderFields.title),
  occupation: Type.Optional(OrderFields.occupation),
  description: Type.Optional(OrderFields.description),
  skills: Type.Optional(OrderFields.skills),
  headcount: Type.Optional(OrderFields.headcount),
  location: Type.Optional(OrderFields.location),
  trainingStart: Type.Optional(OrderFields.trainingStart),
  trainingEnd: Type.Optional(OrderFields.trainingEnd),
  bidDeadline: Type.Optional(OrderFields.bidDeadline),
  budgetPerTrainee: Type.Optional(Nullable(Money)),
  hiringCommitment: Type.Optional(Nullable(HiringCommitmentInput)),
  minBids: Type.Optional(MinBids),
  questionDeadline: Type.Optional(Nullable(QuestionDeadline))
}, {
  additionalProperties: false,
  minProperties: 1,
  description: 'Draft: any field. Open: description and a later bidDeadline as edits; a change of any other field is an amendment ' +
    '(the bidDeadline moves to leave at least AMENDMENT_MIN_HOURS, and submitted bids need confirmation).',
  examples: [orderPatchExample]
})
export type PatchOrderInput = Static<typeof PatchOrderBody>

export const Order = Type.Object({
  id: Id,
  allianceCode: AllianceCode,
  organization: Type.Object({ id: Id, name: Name }, { description: 'The owning enterprise' }),
  status: OrderStatus,
  ...OrderFields,
  budgetPerTrainee: Nullable(Money),
  hiringCommitment: Nullable(HiringCommitment),
  minBids: MinBids,
  questionDeadline: Nullable(QuestionDeadline),
  cancelReason: Nullable(LongText),
  publishedAt: Nullable(Instant),
  createdAt: Instant,
  updatedAt: Instant,
  bidCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Bids neither withdrawn nor lapsed; owner, coordinators and admins only' })),
  seatsProposed: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Seats of proposed matches; owner, coordinators and admins only' })),
  seatsApproved: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Seats of approved matches; owner, coordinators and admins only' }))
}, { $id: 'Order' })
export type OrderDto = Static<typeof Order>

export const OrderList = PageOf(Type.Ref('Order'))

export const OrderListQuery = Type.Object({
  status: Type.Optional(OrderStatus),
  alliance: Type.Optional(AllianceCode),
  skill: Type.Optional(SkillTag),
  q: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'Words over title, occupation and description; every word must match (Chinese and English, English words by their stem: welder finds Welders). Also the orders tagged with a skill the whole query names. Then near matches: a Chinese query of 3+ characters with one inner character left out (焊接工 finds 焊工), after every exact match. Up to 64 characters; of a long query the 6 most selective terms decide'
  })),
  mine: Type.Optional(Type.Boolean({ description: "Only the caller's organization's orders" })),
  ...PageQuery
}, { additionalProperties: false })

export const CancelOrderBody = Type.Object({ reason: Reason }, { additionalProperties: false, examples: [cancelOrderExample] })

export const OrderEvent = Type.Object({
  id: Id,
  type: Type.String({ maxLength: 60, examples: ['order.published'] }),
  at: Instant,
  subject: Type.Object({ type: Type.String({ maxLength: 30 }), id: Nullable(Id) }),
  actor: Type.Object({
    userId: Nullable(Id),
    organizationId: Nullable(Id),
    role: Type.Union([Role, Type.Literal('system')])
  }, { description: 'Who acted; `system` for the deadline. Hidden (null) for bids while bidding is open.' }),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'What changed; empty for bids while bidding is open' })
}, { $id: 'OrderEvent' })

export const OrderEventList = PageOf(Type.Ref('OrderEvent'))
export const OrderEventQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
