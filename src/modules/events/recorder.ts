// Records events: append-only rows for every state change, written inside the caller's transaction.
import type { Executor } from '../../../db/executor.ts'
import { newId } from '../../lib/ids.ts'
import type { Actor } from '../../lib/actor.ts'
import { notifyEvent } from '../notifications/index.ts'

export type EventInput = {
  type: string
  subjectType: 'order' | 'bid' | 'match' | 'cohort' | 'trainee' | 'membership' | 'organization' | 'user' | 'question' | 'complaint'
  subjectId: string
  orderId?: string | null
  allianceId?: string | null
  actor: Actor | null
  data?: Record<string, unknown>
  at: Date
}

// No seq: SQLite's autoincrement and PostgreSQL's identity number the rows (drizzle would send NULL for it).
const INSERT_EVENT = `insert into events
  ("id", "type", "order_id", "alliance_id", "subject_type", "subject_id", "actor_user_id", "actor_organization_id", "actor_role", "data", "created_at")
  values (@id, @type, @orderId, @allianceId, @subjectType, @subjectId, @actorUserId, @actorOrganizationId, @actorRole, @data, @createdAt)`

/** Appends one event and addresses it (notifications, webhook deliveries); call it inside the transaction of the change it records. */
export async function recordEvent (tx: Executor, input: EventInput): Promise<void> {
  const id = newId(input.at.getTime())
  const data = input.data ?? {}
  await tx.run(INSERT_EVENT, {
    id,
    type: input.type,
    orderId: input.orderId ?? null,
    allianceId: input.allianceId ?? null,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    actorUserId: input.actor?.userId ?? null,
    actorOrganizationId: input.actor?.organizationId ?? null,
    actorRole: input.actor?.role ?? 'system',
    data: JSON.stringify(data),
    createdAt: input.at.toISOString()
  })
  const actorPrincipal = input.actor ? input.actor.organizationId ?? input.actor.userId : null
  await notifyEvent(tx, id, input.at, { ...input, orderId: input.orderId ?? null, allianceId: input.allianceId ?? null, data, actorPrincipal })
}
