// TypeBox schemas for the inbox (notifications, unread counts, marking read) and the change feed of events.
import { Type, type Static } from 'typebox'
import { Cursor, Id, Instant, Limit, Nullable, PageQuery } from './common.ts'

export const NotificationEvent = Type.Object({
  id: Id,
  type: Type.String({ maxLength: 60, examples: ['order.published'] }),
  occurredAt: Instant,
  orderId: Nullable(Id),
  data: Type.Record(Type.String(), Type.Unknown(), {
    description: 'What changed, as the recipient may read it: empty for sealed bids, no personal data the recipient may not read'
  })
}, {
  $id: 'NotificationEvent',
  description: 'An event as its recipients read it (also the body of a webhook delivery); it never names who bid while bids are sealed'
})
export type NotificationEventDto = Static<typeof NotificationEvent>

export const Notification = Type.Object({
  id: Id,
  event: Type.Ref('NotificationEvent'),
  readAt: Nullable(Instant)
}, { description: "A notification in the caller's inbox" })

export const NotificationList = Type.Object({
  items: Type.Array(Notification, { maxItems: 100 }),
  nextCursor: Nullable(Cursor),
  unreadCount: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "The caller's unread notifications, all pages" })
})

export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'Only unread notifications' })),
  ...PageQuery
}, { additionalProperties: false })

export const MarkReadBody = Type.Union([
  Type.Object({
    ids: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true, description: 'Notifications of the caller to mark read; others are ignored' })
  }, { additionalProperties: false }),
  Type.Object({
    all: Type.Literal(true, { description: "Mark every one of the caller's notifications read" })
  }, { additionalProperties: false })
], { examples: [{ all: true }] })
export type MarkReadInput = Static<typeof MarkReadBody>

export const EventFeedQuery = Type.Object({
  after: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'A nextCursor from a previous page; omit to start at the beginning' })),
  limit: Limit
}, { additionalProperties: false })

export const EventFeed = Type.Object({
  items: Type.Array(Type.Ref('NotificationEvent'), { maxItems: 100 }),
  nextCursor: Cursor
}, { description: 'The events the caller may see, oldest first; nextCursor is never null: pass it as `after` to resume exactly there' })
