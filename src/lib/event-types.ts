// Every event type the API records (`resource.verb`): what webhooks may subscribe to and what the change feed carries.
export const EVENT_TYPES = [
  'order.created',
  'order.updated',
  'order.published',
  'order.amended',
  'order.bidding_closed',
  'order.unsuccessful',
  'order.awarded',
  'order.reopened',
  'order.cancelled',
  'bid.submitted',
  'bid.revised',
  'bid.confirmed',
  'bid.lapsed',
  'bid.withdrawn',
  'bid.accepted',
  'bid.not_selected',
  'bid.reopened',
  'question.asked',
  'question.answered',
  'match.proposed',
  'match.approved',
  'match.rejected',
  'match.withdrawn',
  'match.revoked',
  'complaint.filed',
  'complaint.dismissed',
  'complaint.upheld',
  'cohort.created',
  'cohort.started',
  'cohort.completed',
  'cohort.cancelled',
  'trainee.enrolled',
  'trainee.completed',
  'trainee.dropped',
  'trainee.hired',
  'membership.requested',
  'membership.approved',
  'membership.rejected'
] as const

export type EventType = typeof EVENT_TYPES[number]

/** A subscription to every event type, present and future. */
export const ALL_EVENTS = '*'

export const isEventType = (value: string): value is EventType => (EVENT_TYPES as readonly string[]).includes(value)
