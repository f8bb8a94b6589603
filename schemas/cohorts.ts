// TypeBox schemas for cohorts (training runs of approved matches) and their trainee rosters.
import { Type, type Static } from 'typebox'
import { Id, Instant, DateString, INVISIBLE, Name, OneLineText, Reason, Nullable, PageOf, PageQuery } from './common.ts'
import { AllianceCode } from './alliances.ts'
import { cancelCohortExample, enrolExample, rosterUpdateExample, traineeStatusExample } from './examples.ts'

export const CohortStatus = Type.Union([Type.Literal('planned'), Type.Literal('in_training'), Type.Literal('completed'), Type.Literal('cancelled')])
export const TraineeStatus = Type.Union([Type.Literal('enrolled'), Type.Literal('completed'), Type.Literal('dropped'), Type.Literal('hired')])

const OrgRef = Type.Object({ id: Id, name: Name })

export const RosterCounts = Type.Object({
  enrolled: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Every trainee ever enrolled (the roster size)' }),
  completed: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Trainees who completed training, hired ones included' }),
  dropped: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Trainees who dropped out' }),
  hired: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Completed trainees the enterprise hired' })
}, { description: 'enrolled = completed + dropped + still enrolled; hired ≤ completed' })

export const Cohort = Type.Object({
  id: Id,
  orderId: Id,
  orderTitle: Type.String({ ...Name, description: "The order's title" }),
  matchId: Id,
  allianceCode: AllianceCode,
  college: OrgRef,
  enterprise: OrgRef,
  seats: Type.Integer({ minimum: 1, maximum: 1000 }),
  startDate: DateString,
  durationWeeks: Type.Integer({ minimum: 1, maximum: 520 }),
  status: CohortStatus,
  cancelReason: Nullable(Reason),
  roster: RosterCounts,
  createdAt: Instant,
  startedAt: Nullable(Instant),
  completedAt: Nullable(Instant),
  cancelledAt: Nullable(Instant)
}, { $id: 'Cohort' })
export type CohortDto = Static<typeof Cohort>

export const CohortList = PageOf(Type.Ref('Cohort'))
export const CohortListQuery = Type.Object({
  status: Type.Optional(CohortStatus),
  orderId: Type.Optional(Id),
  alliance: Type.Optional(AllianceCode),
  ...PageQuery
}, { additionalProperties: false })

export const Trainee = Type.Object({
  id: Id,
  cohortId: Id,
  name: Name,
  studentNo: Type.String({ minLength: 1, maxLength: 64 }),
  status: TraineeStatus,
  createdAt: Instant,
  updatedAt: Instant,
  completedAt: Nullable(Instant),
  droppedAt: Nullable(Instant),
  hiredAt: Nullable(Instant)
}, { $id: 'Trainee' })
export type TraineeDto = Static<typeof Trainee>

export const TraineeInput = Type.Object({
  name: OneLineText(200, 'Full name; Chinese welcome'),
  // Stored NFKC-normalised (full-width ＳＮ０１ is SN01), so uniqueness compares what a person reads as the same number.
  studentNo: Type.String({
    minLength: 1,
    maxLength: 64,
    pattern: `^[^\\s${INVISIBLE}]([^${INVISIBLE}]*[^\\s${INVISIBLE}])?$`,
    description: 'Unique within the cohort (compared and stored NFKC-normalised: full-width forms are their ASCII equivalents); no leading or trailing spaces, no invisible characters'
  })
}, { additionalProperties: false })

export const EnrolBody = Type.Object({
  trainees: Type.Array(TraineeInput, { minItems: 1, maxItems: 1000 })
}, { additionalProperties: false, examples: [enrolExample] })

export const EnrolResponse = Type.Object({ items: Type.Array(Type.Ref('Trainee'), { maxItems: 1000 }) })

export const TraineeList = PageOf(Type.Ref('Trainee'))
export const TraineeListQuery = Type.Object({ status: Type.Optional(TraineeStatus), ...PageQuery }, { additionalProperties: false })

export const TraineeParams = Type.Object({ id: Id, tid: Id }, { additionalProperties: false })
export const TraineePatch = Type.Object({
  status: Type.Union([Type.Literal('completed'), Type.Literal('dropped')])
}, { additionalProperties: false, examples: [traineeStatusExample] })

export const RosterUpdatesBody = Type.Object({
  updates: Type.Array(Type.Object({
    traineeId: Id,
    status: Type.Union([Type.Literal('completed'), Type.Literal('dropped')])
  }, { additionalProperties: false }), { minItems: 1, maxItems: 1000, description: 'Each trainee at most once; applied all or nothing' })
}, { additionalProperties: false, examples: [rosterUpdateExample] })

export const RosterUpdatesResponse = Type.Object({ items: Type.Array(Type.Ref('Trainee'), { maxItems: 1000, description: 'The updated trainees, in request order' }) })

export const StartCohortBody = Type.Optional(Type.Object({
  early: Type.Optional(Type.Boolean({ description: 'Start before the planned startDate (otherwise 409 too_early); the cohort.started event records it' }))
}, { additionalProperties: false, examples: [{ early: true }] }))

export const CancelCohortBody = Type.Object({ reason: Reason }, { additionalProperties: false, examples: [cancelCohortExample] })
