// TypeBox schemas for an organization's track record: an enterprise's kept promises to hire, a college's completions and hires.
import { Type, type Static } from 'typebox'
import { Nullable } from './common.ts'

const FIGURE_MAX = 1_000_000_000

const Count = (description: string) => Type.Integer({
  minimum: 0,
  maximum: FIGURE_MAX,
  description
})
const Ratio = (description: string) => Nullable(Type.Number({
  minimum: 0,
  maximum: FIGURE_MAX,
  description: `${description}; unrounded, null when its denominator is 0`
}))

export const EnterpriseTrackRecord = Type.Object({
  ordersAwarded: Count('Awarded orders whose cohorts have all ended (completed or cancelled)'),
  promised: Count('Hires those orders promised (their hiringPositions)'),
  hired: Count("Trainees of those orders' cohorts hired"),
  promiseKeptRate: Ratio('hired / promised; may exceed 1 when more were hired than promised')
}, {
  additionalProperties: false,
  description: "An enterprise's promises to hire on its ended awarded orders"
})
export type EnterpriseTrackRecordDto = Static<typeof EnterpriseTrackRecord>

export const CollegeTrackRecord = Type.Object({
  cohortsCompleted: Count('Cohorts the college completed'),
  enrolled: Count('Trainees enrolled in those cohorts'),
  completed: Count('Of them, trainees who completed training (hired ones included)'),
  hired: Count('Of them, trainees hired'),
  completionRate: Ratio('completed / enrolled'),
  hireRate: Ratio('hired / completed')
}, {
  additionalProperties: false,
  description: "A college's completed cohorts and what became of their trainees"
})
export type CollegeTrackRecordDto = Static<typeof CollegeTrackRecord>

export const TrackRecord = Type.Union([EnterpriseTrackRecord, CollegeTrackRecord], {
  description: 'Kept as running totals by the writes that end cohorts and orders; see docs/track-records.md'
})
