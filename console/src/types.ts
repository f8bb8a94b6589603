// API shapes for the console, derived from the server's TypeBox schemas (types only: nothing of them is bundled).
import type { Static } from 'typebox'
import type { Me as MeSchema, Organization as OrganizationSchema } from '../../schemas/identity.ts'
import type { Order as OrderSchema } from '../../schemas/orders.ts'
import type { Bid as BidSchema, CurriculumModule as ModuleSchema } from '../../schemas/bids.ts'
import type { Match as MatchSchema } from '../../schemas/matches.ts'
import type { Question as QuestionSchema } from '../../schemas/questions.ts'
import type { Complaint as ComplaintSchema } from '../../schemas/complaints.ts'
import type { Cohort as CohortSchema, Trainee as TraineeSchema } from '../../schemas/cohorts.ts'
import type { Alliance as AllianceSchema, Membership as MembershipSchema } from '../../schemas/alliances.ts'
import type { Skill as SkillSchema } from '../../schemas/skills.ts'
import type { NotificationEventDto } from '../../schemas/notifications.ts'
import type { Reason as ReasonSchema, OrderSummary as OrderSummarySchema } from '../../schemas/recommendations.ts'
import type { AllianceReport as AllianceReportSchema, OrganizationReport as OrganizationReportSchema } from '../../schemas/reports.ts'
import type { CollegeTrackRecordDto, EnterpriseTrackRecordDto } from '../../schemas/track-records.ts'
import type { AllianceTargetsDto, TargetsInput } from '../../schemas/targets.ts'
import type { InvitationDto, MemberDto } from '../../schemas/team.ts'

export type Me = Static<typeof MeSchema>
export type Organization = Static<typeof OrganizationSchema>
export type Order = Static<typeof OrderSchema>
export type Bid = Static<typeof BidSchema>
export type CurriculumModule = Static<typeof ModuleSchema>
export type Match = Static<typeof MatchSchema>
export type Question = Static<typeof QuestionSchema>
export type Complaint = Static<typeof ComplaintSchema>
export type Cohort = Static<typeof CohortSchema>
export type Trainee = Static<typeof TraineeSchema>
export type Alliance = Static<typeof AllianceSchema>
export type Membership = Static<typeof MembershipSchema>
export type Skill = Static<typeof SkillSchema>
export type Reason = Static<typeof ReasonSchema>
export type OrderSummary = Static<typeof OrderSummarySchema>
export type AllianceReport = Static<typeof AllianceReportSchema>
export type OrganizationReport = Static<typeof OrganizationReportSchema>
export type EnterpriseTrackRecord = EnterpriseTrackRecordDto
export type CollegeTrackRecord = CollegeTrackRecordDto
export type TrackRecord = EnterpriseTrackRecord | CollegeTrackRecord
export type AllianceTargets = AllianceTargetsDto
export type Targets = TargetsInput
export type TargetKey = keyof Required<TargetsInput>
export type Member = MemberDto
export type Invitation = InvitationDto
export type OrgRole = Member['orgRole']
export type Page<T> = { items: T[], nextCursor: string | null }
export type NotificationEvent = NotificationEventDto
export type Notification = { id: string, event: NotificationEvent, readAt: string | null }
export type NotificationPage = Page<Notification> & { unreadCount: number }
export type OrderRecommendation = { order: OrderSummary, score: number, hasBid: boolean, reasons: Reason[] }
export type CollegeRecommendation = { college: { id: string, name: string }, score: number, hasBid: boolean | null, reasons: Reason[] }
export type Role = Me['user']['role']
