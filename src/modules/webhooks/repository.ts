// Webhook queries, scoped to the owner: endpoints with their event types, the count per owner, deletion, the delivery log.
import type { Executor } from '../../../db/executor.ts'
import type { WebhookDeliveryDto, WebhookDto } from '../../../schemas/webhooks.ts'

type WebhookRow = { id: string, url: string, description: string, createdAt: string }

const COLUMNS = 'id, url, description, created_at as "createdAt"'

export type NewWebhook = WebhookRow & { ownerId: string, secret: string, createdBy: string, events: WebhookDto['events'] }

export async function insertWebhook (tx: Executor, webhook: NewWebhook): Promise<void> {
  await tx.run(`insert into webhooks (id, owner_id, url, description, secret, created_by, created_at)
    values (@id, @ownerId, @url, @description, @secret, @createdBy, @createdAt)`, {
    id: webhook.id,
    ownerId: webhook.ownerId,
    url: webhook.url,
    description: webhook.description,
    secret: webhook.secret,
    createdBy: webhook.createdBy,
    createdAt: webhook.createdAt
  })
  for (const type of webhook.events) {
    await tx.run('insert into webhook_event_types (webhook_id, type) values (@webhookId, @type)', { webhookId: webhook.id, type })
  }
}

/**
 * How many endpoints the owner has. On PostgreSQL it first takes a lock on the owner for the transaction, so two
 * registrations at once count one after the other (SQLite runs write transactions one at a time).
 */
export async function countWebhooks (tx: Executor, ownerId: string): Promise<number> {
  if (tx.engine === 'postgres') await tx.get("select pg_advisory_xact_lock(hashtextextended('webhooks:' || @ownerId, 0))", { ownerId })
  const row = await tx.get<{ count: number }>('select count(*) as "count" from webhooks where owner_id = @ownerId', { ownerId })
  return Number(row?.count ?? 0)
}

/** The rows with their event types (sorted; `*` first). */
async function withEvents (ex: Executor, rows: WebhookRow[]): Promise<WebhookDto[]> {
  if (rows.length === 0) return []
  const params: Record<string, string> = {}
  const names = rows.map((row, i) => {
    params[`id${i}`] = row.id
    return `@id${i}`
  })
  const types = await ex.all<{ webhookId: string, type: WebhookDto['events'][number] }>(
    `select webhook_id as "webhookId", type from webhook_event_types where webhook_id in (${names.join(', ')}) order by type`, params)
  return rows.map((row) => ({ ...row, events: types.filter((t) => t.webhookId === row.id).map((t) => t.type) }))
}

/** The owner's endpoint, or undefined (also for another owner's). */
export async function findWebhook (ex: Executor, id: string, ownerId: string): Promise<WebhookDto | undefined> {
  const row = await ex.get<WebhookRow>(`select ${COLUMNS} from webhooks where id = @id and owner_id = @ownerId`, { id, ownerId })
  return row ? (await withEvents(ex, [row]))[0] : undefined
}

/** The owner's endpoints before `beforeId`, newest first; `limit + 1` rows tell whether more follow. */
export async function listWebhooks (ex: Executor, ownerId: string, beforeId: string | undefined, limit: number): Promise<WebhookDto[]> {
  const before = beforeId === undefined ? '' : ' and id < @beforeId'
  const rows = await ex.all<WebhookRow>(`select ${COLUMNS} from webhooks where owner_id = @ownerId${before} order by id desc limit @limit`,
    { ownerId, limit: limit + 1, ...(beforeId === undefined ? {} : { beforeId }) })
  return withEvents(ex, rows)
}

/** Deletes the owner's endpoint with its event types and deliveries; false when it is not the owner's. */
export async function deleteWebhook (tx: Executor, id: string, ownerId: string): Promise<boolean> {
  const owned = await tx.get('select id from webhooks where id = @id and owner_id = @ownerId', { id, ownerId })
  if (!owned) return false
  await tx.run('delete from webhook_deliveries where webhook_id = @id', { id })
  await tx.run('delete from webhook_event_types where webhook_id = @id', { id })
  await tx.run('delete from webhooks where id = @id', { id })
  return true
}

const DELIVERY_COLUMNS = `d.id, e.id as "eventId", e.type, d.status, d.attempts, d.last_status_code as "lastStatusCode",
  d.next_attempt_at as "nextAttemptAt"`

/** An endpoint's deliveries before `beforeId`, newest first; `limit + 1` rows. */
export async function listDeliveries (ex: Executor, webhookId: string, beforeId: string | undefined, limit: number): Promise<WebhookDeliveryDto[]> {
  const before = beforeId === undefined ? '' : ' and d.id < @beforeId'
  return ex.all<WebhookDeliveryDto>(`select ${DELIVERY_COLUMNS} from webhook_deliveries d
    join notifications n on n.id = d.notification_id join events e on e.id = n.event_id
    where d.webhook_id = @webhookId${before} order by d.id desc limit @limit`,
  { webhookId, limit: limit + 1, ...(beforeId === undefined ? {} : { beforeId }) })
}
