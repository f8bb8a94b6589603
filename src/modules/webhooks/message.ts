// The message a delivery sends: the event as its recipient reads it, the same bytes on every attempt.
import type { ClaimedDelivery } from './outbox.ts'

/** `{id, type, occurredAt, orderId, data}`: data is the recipient's view of the event's data when one was fixed, else the event's own. */
export function messageBody (delivery: ClaimedDelivery): string {
  const data: unknown = JSON.parse(delivery.notificationData ?? delivery.eventData)
  return JSON.stringify({
    id: delivery.eventId,
    type: delivery.type,
    occurredAt: delivery.occurredAt,
    orderId: delivery.orderId,
    data
  })
}
