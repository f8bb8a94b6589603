// An order's timeline, oldest first; while bidding is open, bid events say that a bid came, not who or what.
import type { Database } from '../../../db/client.ts'
import { prepared } from './statements.ts'

type EventRow = {
  seq: number, id: string, type: string, subjectType: string, subjectId: string,
  actorUserId: string | null, actorOrganizationId: string | null, actorRole: string, data: string, createdAt: string
}

const EVENTS_SQL = `select seq, id, type, subject_type as subjectType, subject_id as subjectId, actor_user_id as actorUserId,
  actor_organization_id as actorOrganizationId, actor_role as actorRole, data, created_at as createdAt
  from events where order_id = @orderId and seq > @after order by seq limit @limit`

export const EVENT_CURSOR = /^\d{1,15}$/

export type OrderEventView = {
  seq: number
  id: string
  type: string
  at: string
  subject: { type: string, id: string | null }
  actor: { userId: string | null, organizationId: string | null, role: 'enterprise' | 'college' | 'coordinator' | 'admin' | 'system' }
  data: Record<string, unknown>
}

/** Events of the order after the `after` sequence number; bid events are redacted while `sealed`. */
export function listOrderEvents (db: Database, orderId: string, after: number, limit: number, sealed: boolean): OrderEventView[] {
  return prepared<EventRow>(db, EVENTS_SQL).all({ orderId, after, limit: limit + 1 }).map((row) => {
    const hidden = sealed && row.subjectType === 'bid'
    return {
      seq: row.seq,
      id: row.id,
      type: row.type,
      at: row.createdAt,
      subject: { type: row.subjectType, id: hidden ? null : row.subjectId },
      actor: {
        userId: hidden ? null : row.actorUserId,
        organizationId: hidden ? null : row.actorOrganizationId,
        role: row.actorRole as OrderEventView['actor']['role']
      },
      data: hidden ? {} : JSON.parse(row.data) as Record<string, unknown>
    }
  })
}
