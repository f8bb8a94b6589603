// Schemas with an $id, registered once at the root so routes and the OpenAPI document share them.
import type { TSchema } from 'typebox'
import { ProblemSchema } from './common.ts'
import { User, Organization } from './identity.ts'
import { Alliance, Membership } from './alliances.ts'
import { Order, OrderEvent } from './orders.ts'
import { Bid } from './bids.ts'
import { Match } from './matches.ts'
import { Complaint } from './complaints.ts'
import { Question } from './questions.ts'
import { Cohort, Trainee } from './cohorts.ts'
import { AllianceReport, OrganizationReport } from './reports.ts'
import { Skill } from './skills.ts'
import { AllianceTargets } from './targets.ts'
import { NotificationEvent } from './notifications.ts'
import { Webhook, WebhookDelivery } from './webhooks.ts'
import { Member, Invitation } from './team.ts'
import { Reason as RecommendationReason, CollegeRecommendation, OrderRecommendation } from './recommendations.ts'

export const sharedSchemas: TSchema[] = [
  ProblemSchema,
  User,
  Organization,
  Alliance,
  Membership,
  Order,
  OrderEvent,
  Bid,
  Match,
  Complaint,
  Question,
  Cohort,
  Trainee,
  AllianceReport,
  OrganizationReport,
  AllianceTargets,
  Skill,
  RecommendationReason,
  CollegeRecommendation,
  OrderRecommendation,
  NotificationEvent,
  Webhook,
  WebhookDelivery,
  Member,
  Invitation
]
