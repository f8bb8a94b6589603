// TypeBox schemas for webhook endpoints (registration, listing) and their delivery log.
import { Type, type Static } from 'typebox'
import { ALL_EVENTS, EVENT_TYPES } from '../src/lib/event-types.ts'
import { Id, Instant, Nullable, PageOf, PageQuery } from './common.ts'
import { webhookExample } from './examples.ts'

export const WEBHOOK_URL_MAX = 2048
const DESCRIPTION_MAX = 10_000
const EVENTS_MAX = 50

export const WebhookUrl = Type.String({
  minLength: 9,
  maxLength: WEBHOOK_URL_MAX,
  pattern: '^https?://[^\\s]+$',
  description: 'Where events are POSTed: https (http only where WEBHOOK_ALLOW_PRIVATE=true); no credentials, no private addresses',
  examples: [webhookExample.url]
})

export const WebhookEventType = Type.Enum([ALL_EVENTS, ...EVENT_TYPES], {
  description: 'An event type, or `*` for every type'
})

const WebhookEvents = Type.Array(WebhookEventType, {
  minItems: 1,
  maxItems: EVENTS_MAX,
  uniqueItems: true,
  description: 'The event types delivered to this endpoint (`["*"]`: all)'
})

const Description = Type.String({
  maxLength: DESCRIPTION_MAX,
  description: 'What the endpoint is for; up to 10,000 characters'
})
const DescriptionInput = Type.String({ ...Description, default: '' })

export const CreateWebhookBody = Type.Object({
  url: WebhookUrl,
  events: WebhookEvents,
  description: Type.Optional(DescriptionInput)
}, {
  additionalProperties: false,
  examples: [webhookExample]
})
export type CreateWebhookInput = Static<typeof CreateWebhookBody>

const webhookFields = {
  id: Id,
  url: Type.String({ maxLength: WEBHOOK_URL_MAX }),
  events: WebhookEvents,
  description: Description,
  createdAt: Instant
}

export const Webhook = Type.Object(webhookFields, {
  $id: 'Webhook',
  description: 'A webhook endpoint of the caller (its organization, or a coordinator or admin themself)'
})
export type WebhookDto = Static<typeof Webhook>

export const CreatedWebhook = Type.Object({
  ...webhookFields,
  secret: Type.String({
    minLength: 50,
    maxLength: 50,
    pattern: '^whsec_[A-Za-z0-9+/]{43}=$',
    description: 'The signing secret: `whsec_` + base64 of 32 random bytes. Shown only in this answer; store it'
  })
}, { description: 'The new endpoint with its signing secret' })
export type CreatedWebhookDto = Static<typeof CreatedWebhook>

export const WebhookList = PageOf(Type.Ref('Webhook'))

export const DeliveryStatus = Type.Enum(['pending', 'delivered', 'failed'], {
  description: 'pending: waiting for its next attempt; delivered: answered 2xx; failed: every attempt failed'
})

export const WebhookDelivery = Type.Object({
  id: Id,
  eventId: Id,
  type: Type.String({ maxLength: 60, description: 'The event type' }),
  status: DeliveryStatus,
  attempts: Type.Integer({ minimum: 0, maximum: 100 }),
  lastStatusCode: Nullable(Type.Integer({ minimum: 100, maximum: 599, description: 'The HTTP status of the last attempt; null without a response' })),
  nextAttemptAt: Nullable(Type.String({ ...Instant, description: 'When the next attempt is due; null once delivered or failed' }))
}, {
  $id: 'WebhookDelivery',
  description: 'One event sent (or to be sent) to one endpoint'
})
export type WebhookDeliveryDto = Static<typeof WebhookDelivery>

export const WebhookDeliveryList = PageOf(Type.Ref('WebhookDelivery'))

export const WebhookListQuery = Type.Object({
  ...PageQuery
}, { additionalProperties: false })
