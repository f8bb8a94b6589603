// An order's timeline, oldest first; sealed bid events, anonymous questions and complaints, trainees' personal data only for roster readers.
import type { Executor } from '../../../db/executor.ts'
import type { events } from '../../../db/schema/index.ts'

/** The stored columns the read returns, typed from the schema. */
type EventColumns = Pick<typeof events.$inferSelect,
  'seq' | 'id' | 'type' | 'subjectType' | 'subjectId' | 'actorUserId' | 'actorOrganizationId' | 'createdAt'>

/** An event row as SQL returns it: `data` is the stored JSON text. */
type EventRow = EventColumns & {
  actorRole: string, data: string
}

const EVENTS_SQL = `select seq, id, type, subject_type as "subjectType", subject_id as "subjectId", actor_user_id as "actorUserId",
  actor_organization_id as "actorOrganizationId", actor_role as "actorRole", data, created_at as "createdAt"
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

/** Fields of trainee events that identify a person (rosters are personal data). */
const PERSONAL_FIELDS = ['studentNo', 'name']

/**
 * What the reader may learn: `sealed` (bidsSealed of the order), `rosters` (the caller may read the order's rosters),
 * `identities` (who asked a question or filed a complaint: the alliance's coordinators and admins only).
 */
export type EventRedaction = { sealed: boolean, rosters: boolean, identities: boolean }

/** Questions and complaints are anonymous to the owner: a college's own acts on them name nobody. */
const ANONYMOUS_SUBJECTS = new Set(['question', 'complaint'])

function visibleData (row: EventRow, rosters: boolean): Record<string, unknown> {
  const data = JSON.parse(row.data) as Record<string, unknown>
  if (rosters || row.subjectType !== 'trainee') return data
  return Object.fromEntries(Object.entries(data).filter(([key]) => !PERSONAL_FIELDS.includes(key)))
}

/**
 * Events of the order after the `after` sequence number: bid events are redacted while `sealed`, and
 * trainee events lose their personal fields for a caller who may not read rosters (an admin).
 */
export async function listOrderEvents (ex: Executor, orderId: string, after: number, limit: number, redaction: EventRedaction): Promise<OrderEventView[]> {
  const rows = await ex.all<EventRow>(EVENTS_SQL, { orderId, after, limit: limit + 1 })
  return rows.map((row) => {
    const hidden = redaction.sealed && row.subjectType === 'bid'
    const anonymous = !redaction.identities && ANONYMOUS_SUBJECTS.has(row.subjectType) && row.actorRole === 'college'
    return {
      seq: row.seq,
      id: row.id,
      type: row.type,
      at: row.createdAt,
      subject: { type: row.subjectType, id: hidden ? null : row.subjectId },
      actor: {
        userId: hidden || anonymous ? null : row.actorUserId,
        organizationId: hidden || anonymous ? null : row.actorOrganizationId,
        role: row.actorRole as OrderEventView['actor']['role']
      },
      data: hidden ? {} : visibleData(row, redaction.rosters)
    }
  })
}
