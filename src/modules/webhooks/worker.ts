// The webhook worker: claims due deliveries under a lease, sends them a few at a time, and records each outcome.
import fp from 'fastify-plugin'
import type { FastifyBaseLogger } from 'fastify'
import type { DataLayer } from '../../../db/executor.ts'
import type { Clock } from '../../lib/clock.ts'
import { nextAttemptAt } from './backoff.ts'
import { messageBody } from './message.ts'
import { claimDue, recordOutcome, type ClaimedDelivery, type Outcome } from './outbox.ts'
import { sendWebhook, type AttemptResult } from './sender.ts'
import { signedHeaders } from './signing.ts'
import { PassTracker, pollEvery } from '../../lib/poller.ts'

export type WorkerOptions = {
  data: DataLayer
  /** Due times, leases and backoff (tests move it by hand). */
  clock: Clock
  log: FastifyBaseLogger
  allowPrivate: boolean
  /** A 2xx must come within this long (10 s). */
  timeoutMs?: number
  /** Attempts at once. */
  concurrency?: number
  /** Deliveries claimed per pass. */
  batch?: number
  /** Jitter source, [0, 1). */
  random?: () => number
}

/** Longer than any attempt (the timeout), so a lease only lapses when its worker died or hung. */
const LEASE_MS = 60_000

declare module 'fastify' {
  interface FastifyInstance {
    webhookWorker: WebhookWorker
  }
}

export class WebhookWorker {
  readonly #options: Required<WorkerOptions>
  readonly #passes = new PassTracker()

  constructor (options: WorkerOptions) {
    this.#options = { timeoutMs: 10_000, concurrency: 4, batch: 20, random: Math.random, ...options }
  }

  /** Attempts one batch of due deliveries; resolves with how many it attempted once all their outcomes are stored. */
  runOnce (): Promise<number> {
    return this.#passes.track(this.#pass())
  }

  /** Waits for the passes under way (on close). */
  async idle (): Promise<void> {
    await this.#passes.idle()
  }

  async #pass (): Promise<number> {
    const { data, clock, batch, concurrency } = this.#options
    const now = clock()
    const claimed = await claimDue(data, now, new Date(now.getTime() + LEASE_MS), batch)
    let next = 0
    const lane = async () => {
      while (next < claimed.length) {
        const delivery = claimed[next++]!
        // An attempt whose outcome cannot be stored keeps its lease: the delivery is attempted again once it lapses.
        await this.#attempt(delivery).catch((error: unknown) =>
          this.#options.log.warn({ err: error, deliveryId: delivery.id }, 'webhook attempt not recorded; retried after its lease'))
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane))
    return claimed.length
  }

  async #attempt (delivery: ClaimedDelivery): Promise<void> {
    const { allowPrivate, timeoutMs, log } = this.#options
    const body = messageBody(delivery)
    // The timestamp is the wall clock: receivers compare it with their own to refuse replays.
    const headers = signedHeaders(delivery.secret, delivery.eventId, body, new Date())
    const result = await sendWebhook(delivery.url, headers, body, { allowPrivate, timeoutMs })
    const stored = await recordOutcome(this.#options.data, delivery, this.#outcome(delivery, result))
    if (!stored) log.info({ deliveryId: delivery.id }, 'webhook delivery outcome not stored: its lease was lost or its endpoint deleted')
    else if (!result.delivered) log.debug({ deliveryId: delivery.id, attempts: delivery.attempts, error: result.error }, 'webhook attempt failed')
  }

  #outcome (delivery: ClaimedDelivery, result: AttemptResult): Outcome {
    const at = this.#options.clock()
    if (result.delivered && result.statusCode !== null) return { kind: 'delivered', statusCode: result.statusCode, at }
    const error = result.error ?? 'failed'
    const next = nextAttemptAt(delivery.attempts, at, this.#options.random)
    return next === null
      ? { kind: 'failed', statusCode: result.statusCode, error }
      : { kind: 'retry', statusCode: result.statusCode, error, nextAttemptAt: next }
  }
}

/**
 * Decorates `app.webhookWorker` and, unless WEBHOOK_POLL_MS is 0, runs a pass every WEBHOOK_POLL_MS. The next pass
 * is scheduled when one ends; a database error is logged and the next pass retries. On close no pass starts and the
 * attempts under way finish (each within its timeout) before the database closes.
 */
export const webhookWorkerPlugin = fp(async (app) => {
  const worker = new WebhookWorker({ data: app.data, clock: app.clock, log: app.log, allowPrivate: app.config.WEBHOOK_ALLOW_PRIVATE })
  app.decorate('webhookWorker', worker)
  if (app.config.WEBHOOK_ALLOW_PRIVATE && app.config.NODE_ENV === 'production') {
    app.log.warn('WEBHOOK_ALLOW_PRIVATE=true in production: webhooks may reach loopback and private addresses of this network')
  }
  pollEvery(app, app.config.WEBHOOK_POLL_MS, worker, 'webhook')
}, { name: 'webhook-worker', dependencies: ['database', 'config'] })
