// TypeBox schemas for an alliance's yearly targets and their progress against the alliance report.
import { Type, type Static, type TSchema } from 'typebox'
import { DateString, Nullable } from './common.ts'
import { AllianceCode } from './alliances.ts'
import { targetsExample } from './examples.ts'

const TARGET_MAX = 1_000_000
const FIGURE_MAX = 1_000_000_000

const TargetCount = Type.Integer({
  minimum: 0,
  maximum: TARGET_MAX
})
const TargetRate = Type.Number({
  minimum: 0,
  maximum: 1,
  description: 'A ratio (0.8 = 80 %)'
})
const Count = Type.Integer({
  minimum: 0,
  maximum: FIGURE_MAX
})
const Ratio = Nullable(Type.Number({
  minimum: 0,
  maximum: FIGURE_MAX,
  description: 'Unrounded; null when its denominator is 0'
}))

export const TargetsParams = Type.Object({
  code: AllianceCode,
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: 'Calendar year (UTC)' })
}, { additionalProperties: false })

const targetKeys = {
  ordersAwarded: Type.Optional(TargetCount),
  seatsCompleted: Type.Optional(TargetCount),
  hires: Type.Optional(TargetCount),
  promiseKeptRate: Type.Optional(TargetRate)
}

export const TargetsBody = Type.Object(targetKeys, {
  additionalProperties: false,
  minProperties: 1,
  description: "The year's targets; keys left out are unset (the body replaces the year's targets)",
  examples: [targetsExample]
})
export type TargetsInput = Static<typeof TargetsBody>

const Actual = Type.Object({
  ordersAwarded: Count,
  seatsCompleted: Count,
  hires: Count,
  promiseKeptRate: Ratio
}, { description: "The alliance report's figures: orders.awarded, seats.completed, seats.hired, and hired over promised summed over its enterprises" })
export type ActualDto = Static<typeof Actual>

const perTarget = <T extends TSchema>(value: T) => Type.Object({
  ordersAwarded: Type.Optional(value),
  seatsCompleted: Type.Optional(value),
  hires: Type.Optional(value),
  promiseKeptRate: Type.Optional(value)
})

export const AllianceTargets = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  targets: Type.Object(targetKeys, { description: 'Only the targets set' }),
  actual: Actual,
  progress: { ...perTarget(Ratio), description: 'Per target set: actual / target; null when the target is 0 or the actual is null' },
  midYear: Nullable(Type.Object({
    date: DateString,
    actual: Actual
  }, { description: 'The report for January 1 to June 30 (end of day); null before July 1 (UTC)' })),
  onTrack: { ...perTarget(Type.Boolean()), description: 'Per target set: a count when actual ≥ target × elapsed fraction of the year; the rate when actual ≥ target' }
}, { $id: 'AllianceTargets' })
export type AllianceTargetsDto = Static<typeof AllianceTargets>
