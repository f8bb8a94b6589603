// Webhook use cases: registering an endpoint (URL checked, a cap per owner, the secret made once) and deleting one.
import type { DataLayer } from '../../../db/executor.ts'
import type { CreatedWebhookDto, CreateWebhookInput } from '../../../schemas/webhooks.ts'
import type { Actor } from '../../lib/actor.ts'
import { ALL_EVENTS } from '../../lib/event-types.ts'
import { newId } from '../../lib/ids.ts'
import { notFound, ruleViolation } from '../../lib/problems.ts'
import { countWebhooks, deleteWebhook, insertWebhook } from './repository.ts'
import { newSecret } from './signing.ts'
import { checkWebhookUrl } from './url-guard.ts'

/** Endpoints one owner may have. */
export const MAX_WEBHOOKS = 20

/** Whose endpoints the caller manages: its organization's, or (a coordinator or admin) its own. */
export const ownerOf = (actor: Actor) => actor.organizationId ?? actor.userId

/** Registers an endpoint; 422 for a refused URL or past MAX_WEBHOOKS. The answer is the only one holding the secret. */
export async function createWebhook (data: DataLayer, actor: Actor, input: CreateWebhookInput, at: Date, allowPrivate: boolean): Promise<CreatedWebhookDto> {
  // DNS first, outside the transaction.
  await checkWebhookUrl(input.url, allowPrivate)
  const ownerId = ownerOf(actor)
  const webhook = {
    id: newId(at.getTime()),
    url: input.url,
    // `*` already covers every type: stored alone, so an event matches the endpoint once.
    events: input.events.includes(ALL_EVENTS) ? [ALL_EVENTS] as CreateWebhookInput['events'] : [...input.events].sort(),
    description: input.description ?? '',
    secret: newSecret(),
    createdAt: at.toISOString()
  }
  await data.write(async (tx) => {
    if (await countWebhooks(tx, ownerId) >= MAX_WEBHOOKS) {
      throw ruleViolation(`at most ${MAX_WEBHOOKS} webhook endpoints per owner; delete one first`, 'webhook_limit_reached')
    }
    await insertWebhook(tx, { ...webhook, ownerId, createdBy: actor.userId })
  })
  return webhook
}

/** Deletes the caller's endpoint, its event types and its deliveries (pending ones are never attempted); 404 for any other. */
export async function removeWebhook (data: DataLayer, actor: Actor, id: string): Promise<void> {
  const deleted = await data.write((tx) => deleteWebhook(tx, id, ownerOf(actor)))
  if (!deleted) throw notFound('webhook')
}
