// TypeBox schemas for outcome reports (alliance and organization), as JSON or CSV.
import { Type, type Static } from 'typebox'
import { Id, Instant, DateString, Name, Nullable, OrganizationKind } from './common.ts'
import { AllianceCode } from './alliances.ts'

const Count = Type.Integer({ minimum: 0, maximum: 1_000_000_000 })
const Rate = Nullable(Type.Number({ minimum: 0, description: 'A ratio (0.75 = 75 %), unrounded; null when its denominator is 0' }))

export const ReportRangeQuery = Type.Object({
  from: Type.Optional(DateString),
  to: Type.Optional(DateString)
}, { additionalProperties: false })

const reportFigures = {
  from: DateString,
  to: DateString,
  generatedAt: Instant,
  orders: Type.Object({
    posted: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Orders published in the range (UTC dates, both ends included)' }),
    awarded: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Of those, now awarded' }),
    cancelled: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Of those, now cancelled' })
  }),
  seats: Type.Object({
    ordered: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Headcount of the posted orders' }),
    approved: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Seats of approved matches (cohorts) on those orders' }),
    enrolled: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Trainees ever enrolled in those cohorts' }),
    completed: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Trainees who completed training, hired ones included' }),
    dropped: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Trainees who dropped out' }),
    hired: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Completed trainees hired by the enterprise' })
  }),
  completionRate: { ...Rate, description: 'seats.completed / seats.enrolled; null when nobody is enrolled' },
  hireRate: { ...Rate, description: 'seats.hired / seats.completed; null when nobody completed' },
  colleges: Type.Array(Type.Object({
    id: Id, name: Name, seats: Count, enrolled: Count, completed: Count, hired: Count
  }), { maxItems: 100_000, description: 'Per college: approved seats and roster figures; sums equal the seats totals' }),
  occupations: Type.Array(Type.Object({
    occupation: Name, seats: Count, hired: Count
  }), { maxItems: 100_000, description: 'Per occupation: ordered seats (headcount) and hires' }),
  enterprises: Type.Array(Type.Object({
    id: Id, name: Name,
    promised: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Σ hiringCommitment.positions of its awarded orders' }),
    hired: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Trainees hired on its orders' }),
    promiseKeptRate: { ...Rate, description: 'hired / promised; null when nothing was promised; above 1 when it hired more than it promised' }
  }), { maxItems: 100_000, description: 'Per enterprise that posted orders in the range' })
}

export const AllianceReport = Type.Object({
  alliance: Type.Object({ code: AllianceCode, name: Name, nameZh: Name }),
  ...reportFigures
}, { $id: 'AllianceReport' })
export type AllianceReportDto = Static<typeof AllianceReport>

export const OrganizationReport = Type.Object({
  organization: Type.Object({ id: Id, name: Name, kind: OrganizationKind }),
  ...reportFigures
}, { $id: 'OrganizationReport' })
export type OrganizationReportDto = Static<typeof OrganizationReport>

export type ReportFigures = Omit<AllianceReportDto, 'alliance'>

const csvSchema = (description: string, example: string) => ({ schema: Type.String({ description, maxLength: 10_000_000, examples: [example] }) })

/** 200 response with a JSON body or, for `Accept: text/csv`, a CSV body. */
export const reportResponse = (ref: 'AllianceReport' | 'OrganizationReport', csvDescription: string, csvExample: string) => ({
  description: 'The report; JSON by default, CSV (UTF-8 with BOM, header row) for Accept: text/csv',
  content: {
    'application/json': { schema: Type.Ref(ref) },
    'text/csv': csvSchema(csvDescription, csvExample)
  }
})
