// The inbox: a recipient's notifications newest first, its unread count, and marking notifications read.
import type { Executor } from '../../../db/executor.ts'
import type { NotificationEventDto } from '../../../schemas/notifications.ts'

/** A notification row with its event, `data` being JSON text (the recipient's view, or the event's own). */
export type NotificationRow = {
  seq: number | string
  id: string
  readAt: string | null
  eventId: string
  type: string
  occurredAt: string
  orderId: string | null
  data: string
}

/** The columns of a notification and its event; `data` falls back to the event's own when the row keeps none. */
export const NOTIFICATION_COLUMNS = `n.seq, n.id, n.read_at as "readAt", e.id as "eventId", e.type, e.created_at as "occurredAt",
  e.order_id as "orderId", coalesce(n.data, e.data) as data`

const PG_NOTIFICATION_COLUMNS = NOTIFICATION_COLUMNS.replace('coalesce(n.data, e.data)', 'coalesce(n.data, e.data::text)')

export const notificationColumns = (ex: Executor) => ex.engine === 'postgres' ? PG_NOTIFICATION_COLUMNS : NOTIFICATION_COLUMNS

export const toEventDto = (row: NotificationRow): NotificationEventDto => ({
  id: row.eventId,
  type: row.type,
  occurredAt: row.occurredAt,
  orderId: row.orderId,
  data: JSON.parse(row.data) as Record<string, unknown>
})

export type InboxFilter = { recipientId: string, unread: boolean, beforeSeq: number | undefined, limit: number }

/** A page of the inbox, newest first: `limit + 1` rows, so the caller can tell whether another page follows. */
export async function listInbox (ex: Executor, filter: InboxFilter): Promise<NotificationRow[]> {
  const conditions = ['n.recipient_id = @recipientId', 'n.inbox = 1']
  if (filter.unread) conditions.push('n.read_at is null')
  if (filter.beforeSeq !== undefined) conditions.push('n.seq < @beforeSeq')
  return ex.all<NotificationRow>(`select ${notificationColumns(ex)}
    from notifications n join events e on e.id = n.event_id
    where ${conditions.join(' and ')}
    order by n.seq desc limit @limit`, { recipientId: filter.recipientId, beforeSeq: filter.beforeSeq ?? null, limit: filter.limit + 1 })
}

const UNREAD_SQL = 'select count(*) as count from notifications where recipient_id = @recipientId and inbox = 1 and read_at is null'

export async function countUnread (ex: Executor, recipientId: string): Promise<number> {
  const row = await ex.get<{ count: number | string }>(UNREAD_SQL, { recipientId })
  return Number(row?.count ?? 0)
}

const MARK_ALL_SQL = 'update notifications set read_at = @at where recipient_id = @recipientId and inbox = 1 and read_at is null'

/** Marks the recipient's notifications read: the given ones (others' ids are ignored), or all. */
export async function markRead (ex: Executor, recipientId: string, ids: string[] | 'all', at: Date): Promise<void> {
  if (ids === 'all') {
    await ex.run(MARK_ALL_SQL, { recipientId, at: at.toISOString() })
    return
  }
  const params: Record<string, unknown> = { recipientId, at: at.toISOString() }
  const placeholders = ids.map((id, i) => {
    params[`id${i}`] = id
    return `@id${i}`
  })
  await ex.run(`${MARK_ALL_SQL} and id in (${placeholders.join(', ')})`, params)
}
