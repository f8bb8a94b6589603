// TypeBox schemas for sealed bids: a college's program (curriculum, cohort, price) for an order.
import { Type, type Static } from 'typebox'
import { bidExample, bidPatchExample } from './examples.ts'
import { Id, Instant, DateString, Money, Name, LongText, PageOf, PageQuery } from './common.ts'

export const BidStatus = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('needs_confirmation'),
  Type.Literal('lapsed'),
  Type.Literal('withdrawn'),
  Type.Literal('accepted'),
  Type.Literal('not_selected')
], { description: 'needs_confirmation: the order was amended, confirm or revise; lapsed: bidding closed before that' })

export const CurriculumModule = Type.Object({
  title: Name,
  hours: Type.Integer({ minimum: 1, maximum: 5000 }),
  kind: Type.Union([Type.Literal('theory'), Type.Literal('practice'), Type.Literal('internship')]),
  certificate: Type.Optional(Name)
}, { additionalProperties: false })

const Curriculum = Type.Array(CurriculumModule, { minItems: 1, maxItems: 50 })
const CohortSize = Type.Integer({ minimum: 1, maximum: 100_000, description: "1 to the order's headcount (over it: 422)" })
const DurationWeeks = Type.Integer({ minimum: 1, maximum: 260 })

const PricePerTrainee = Type.Integer({ ...Money, minimum: 1, description: 'CNY per trainee, at least 1' })
const StartDate = Type.String({ ...DateString, description: "YYYY-MM-DD; today or later, within the order's training window (otherwise 422)", examples: ['2027-09-06'] })

export const CreateBidBody = Type.Object({
  cohortSize: CohortSize,
  startDate: StartDate,
  durationWeeks: DurationWeeks,
  pricePerTrainee: PricePerTrainee,
  curriculum: Curriculum,
  message: Type.Optional(LongText)
}, { additionalProperties: false, examples: [bidExample] })
export type CreateBidInput = Static<typeof CreateBidBody>

export const PatchBidBody = Type.Object({
  cohortSize: Type.Optional(CohortSize),
  startDate: Type.Optional(StartDate),
  durationWeeks: Type.Optional(DurationWeeks),
  pricePerTrainee: Type.Optional(PricePerTrainee),
  curriculum: Type.Optional(Curriculum),
  message: Type.Optional(LongText)
}, { additionalProperties: false, minProperties: 1, examples: [bidPatchExample] })
export type PatchBidInput = Static<typeof PatchBidBody>

export const Bid = Type.Object({
  id: Id,
  orderId: Id,
  orderTitle: Type.String({ ...Name, description: "The order's title, as its readers see it" }),
  college: Type.Object({ id: Id, name: Name }, { description: 'The bidding college' }),
  enterprise: Type.Object({ id: Id, name: Name }, { description: 'The enterprise that owns the order' }),
  status: BidStatus,
  cohortSize: CohortSize,
  startDate: DateString,
  durationWeeks: DurationWeeks,
  pricePerTrainee: Money,
  curriculum: Type.Array(CurriculumModule, { maxItems: 50 }),
  message: LongText,
  totalHours: Type.Integer({ minimum: 0, maximum: 250_000, description: 'Sum of the module hours' }),
  totalPrice: Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'pricePerTrainee × cohortSize, CNY' }),
  revision: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'Starts at 1; +1 on each revision' }),
  createdAt: Instant,
  updatedAt: Instant
}, { $id: 'Bid' })
export type BidDto = Static<typeof Bid>

export const BidList = PageOf(Type.Ref('Bid'))
export const OrderBidsQuery = Type.Object({ status: Type.Optional(BidStatus), ...PageQuery }, { additionalProperties: false })
export const BidListQuery = Type.Object({
  orderId: Type.Optional(Id),
  status: Type.Optional(BidStatus),
  ...PageQuery
}, { additionalProperties: false })
