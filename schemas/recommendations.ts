// TypeBox schemas for recommendations: colleges ranked for an order, open orders ranked for a college, with reasons.
import { Type } from 'typebox'
import { Id, Name, DateString, Instant, Money, Nullable, SkillTag } from './common.ts'
import { AllianceCode } from './alliances.ts'

export const RecommendationQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'How many to return, best first' })
}, { additionalProperties: false })

const Unit = Type.Number({ minimum: 0, maximum: 1 })

export const Reason = Type.Object({
  factor: Type.Union([
    Type.Literal('skill_fit'),
    Type.Literal('capacity'),
    Type.Literal('completion_rate'),
    Type.Literal('hire_rate'),
    Type.Literal('promise_kept'),
    Type.Literal('deadline'),
    Type.Literal('order_size')
  ]),
  weight: Type.Number({ minimum: 0, maximum: 1, description: 'Share of the score; the weights of one item sum to 1' }),
  score: Type.Number({ minimum: 0, maximum: 1, description: "This factor's own score" }),
  detail: Type.String({ maxLength: 500, description: 'Human-readable explanation' })
}, { $id: 'RecommendationReason' })

const Reasons = Type.Array(Type.Ref('RecommendationReason'), { maxItems: 10 })

export const CollegeRecommendation = Type.Object({
  college: Type.Object({ id: Id, name: Name }),
  score: Type.Number({ minimum: 0, maximum: 1, description: 'Weighted sum of the factor scores (4 decimals)' }),
  hasBid: Nullable(Type.Boolean({ description: 'Whether the college has a live bid; null while bids are sealed (order open)' })),
  reasons: Reasons
}, { $id: 'CollegeRecommendation' })

export const CollegeRecommendationList = Type.Object({
  items: Type.Array(Type.Ref('CollegeRecommendation'), { maxItems: 50 })
})

export const OrderSummary = Type.Object({
  id: Id,
  title: Name,
  occupation: Name,
  allianceCode: AllianceCode,
  organization: Type.Object({ id: Id, name: Name }, { description: 'The ordering enterprise' }),
  skills: Type.Array(SkillTag, { maxItems: 20 }),
  headcount: Type.Integer({ minimum: 1, maximum: 1000 }),
  location: Name,
  trainingStart: DateString,
  trainingEnd: DateString,
  bidDeadline: Instant,
  budgetPerTrainee: Nullable(Money)
})

export const OrderRecommendation = Type.Object({
  order: OrderSummary,
  score: Unit,
  hasBid: Type.Boolean({ description: "Whether the caller's college has a live bid on it" }),
  reasons: Reasons
}, { $id: 'OrderRecommendation' })

export const OrderRecommendationList = Type.Object({
  items: Type.Array(Type.Ref('OrderRecommendation'), { maxItems: 50 })
})
