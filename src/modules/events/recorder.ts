// Records events: append-only rows for every state change, written inside the caller's transaction.
import type { DbOrTx } from '../../../db/client.ts'
import { events } from '../../../db/schema/index.ts'
import { newId } from '../../lib/ids.ts'
import type { Actor } from '../../lib/actor.ts'

export type EventInput = {
  type: string
  subjectType: 'order' | 'bid' | 'match' | 'cohort' | 'trainee' | 'membership' | 'organization' | 'user'
  subjectId: string
  orderId?: string | null
  allianceId?: string | null
  actor: Actor | null
  data?: Record<string, unknown>
  at: Date
}

/** Appends one event; call it inside the same transaction as the change it records. */
export function recordEvent (tx: DbOrTx, input: EventInput): void {
  tx.insert(events).values({
    id: newId(input.at.getTime()),
    type: input.type,
    orderId: input.orderId ?? null,
    allianceId: input.allianceId ?? null,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    actorUserId: input.actor?.userId ?? null,
    actorOrganizationId: input.actor?.organizationId ?? null,
    actorRole: input.actor?.role ?? 'system',
    data: input.data ?? {},
    createdAt: input.at.toISOString()
  }).run()
}
