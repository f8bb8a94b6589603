// The mail worker: claims due messages of the outbox under a lease, sends them through the transport, records each outcome.
import { performance } from 'node:perf_hooks'
import fp from 'fastify-plugin'
import type { FastifyBaseLogger } from 'fastify'
import type { DataLayer } from '../../../db/executor.ts'
import type { Clock } from '../../lib/clock.ts'
import { nextAttemptAt, type BackoffSchedule } from '../../lib/backoff.ts'
import { PassTracker, pollEvery } from '../../lib/poller.ts'
import { claimDueMail, recordMailOutcome, releaseMail, type ClaimedMail, type MailOutcome } from './outbox.ts'
import { createMailTransport, isPermanentRefusal, type MailTransport } from './transport.ts'
import { mailWarnings } from './warnings.ts'

/** 30 s · 4^(n−1), at most an hour, with jitter; 10 attempts: the last about six hours after the first. */
export const MAIL_SCHEDULE: BackoffSchedule = { maxAttempts: 10, firstDelayMs: 30_000, growth: 4, maxDelayMs: 60 * 60 * 1000 }

export type MailWorkerOptions = {
  data: DataLayer
  /** Due times, leases and backoff (tests move it by hand). */
  clock: Clock
  log: FastifyBaseLogger
  transport: MailTransport
  /** Messages claimed per pass, sent one after another (mail is few and small). */
  batch?: number
  /** How long a claim holds (60 s); at most half of it goes to one message. */
  leaseMs?: number
  /** A message must be accepted within this long (20 s), or it is retried later. */
  timeoutMs?: number
  /** On close, the message under way gets this long (5 s) before it is cut short and given back. */
  closeGraceMs?: number
  /** Jitter source, [0, 1). */
  random?: () => number
}

declare module 'fastify' {
  interface FastifyInstance {
    mailWorker: MailWorker
  }
}

export class MailWorker {
  readonly #options: Required<MailWorkerOptions>
  readonly #passes = new PassTracker()
  readonly #closing = new AbortController()
  #stopped = false

  constructor (options: MailWorkerOptions) {
    this.#options = { batch: 20, leaseMs: 60_000, timeoutMs: 20_000, closeGraceMs: 5_000, random: Math.random, ...options }
    if (this.#options.timeoutMs * 2 > this.#options.leaseMs) throw new Error('the mail lease must last at least twice the send timeout')
  }

  get transport (): MailTransport['kind'] {
    return this.#options.transport.kind
  }

  /** Sends one batch of due messages; resolves with how many it attempted once their outcomes are stored. */
  runOnce (): Promise<number> {
    if (this.#stopped) return Promise.resolve(0)
    return this.#passes.track(this.#pass())
  }

  /** Waits for the passes under way. */
  async idle (): Promise<void> {
    await this.#passes.idle()
  }

  /** Closing: no pass or attempt starts; the one under way is cut short after the grace; the rest of a batch is given back. */
  stop (): void {
    if (this.#stopped) return
    this.#stopped = true
    setTimeout(() => this.#closing.abort(), this.#options.closeGraceMs).unref()
  }

  async #pass (): Promise<number> {
    const { data, clock, batch, leaseMs, timeoutMs, log } = this.#options
    const started = performance.now()
    const now = clock()
    const claimed = await claimDueMail(data, now, new Date(now.getTime() + leaseMs), batch)
    // An attempt starts only while it can end, its outcome stored, with a sixth of the lease to spare.
    const lastStart = started + leaseMs - timeoutMs - leaseMs / 6
    let attempted = 0
    for (const mail of claimed) {
      if (this.#stopped || performance.now() > lastStart) {
        // Not given back (the database failed): the lease lapses and the message is claimed again, one attempt counted.
        await releaseMail(data, mail).catch((error: unknown) => log.warn({ err: error, mailId: mail.id }, 'mail not given back; retried after its lease'))
        continue
      }
      attempted++
      // An outcome that cannot be stored keeps its lease: the message is tried again once it lapses.
      await this.#attempt(mail).catch((error: unknown) => log.warn({ err: error, mailId: mail.id }, 'mail outcome not recorded; retried after its lease'))
    }
    return attempted
  }

  async #attempt (mail: ClaimedMail): Promise<void> {
    const { transport, data, log, timeoutMs } = this.#options
    const timeout = AbortSignal.timeout(timeoutMs)
    let outcome: MailOutcome
    try {
      await transport.send(mail, AbortSignal.any([this.#closing.signal, timeout]))
      outcome = { kind: 'sent', at: this.#options.clock() }
    } catch (error) {
      if (this.#closing.signal.aborted) {
        await releaseMail(data, mail)
        log.info({ mailId: mail.id }, 'mail cut short by the close; sent by the next pass')
        return
      }
      const message = timeout.aborted ? `not accepted within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error)
      outcome = this.#failure(mail, message, isPermanentRefusal(error))
      const level = outcome.kind === 'failed' ? 'error' : 'warn'
      log[level]({ mailId: mail.id, attempts: mail.attempts, error: message, outcome: outcome.kind }, outcome.kind === 'failed' ? 'mail given up' : 'mail not sent; retried later')
    }
    if (!await recordMailOutcome(data, mail, outcome)) log.info({ mailId: mail.id }, 'mail outcome not stored: its lease was lost')
  }

  #failure (mail: ClaimedMail, error: string, permanent: boolean): MailOutcome {
    const next = permanent ? null : nextAttemptAt(MAIL_SCHEDULE, mail.attempts, this.#options.clock(), this.#options.random)
    return next === null ? { kind: 'failed', error } : { kind: 'retry', error, nextAttemptAt: next }
  }
}

/**
 * Decorates `app.mailWorker` and, unless MAIL_POLL_MS is 0, sends due mail every MAIL_POLL_MS. A database error in a
 * pass is logged and the next pass retries. On close no pass starts and the one under way ends before the database closes.
 */
export const mailWorkerPlugin = fp(async (app) => {
  const transport = createMailTransport(app.config, app.log)
  const worker = new MailWorker({ data: app.data, clock: app.clock, log: app.log, transport })
  app.decorate('mailWorker', worker)
  for (const warning of mailWarnings(app.config)) app.log.warn(warning)
  app.addHook('preClose', async () => worker.stop())
  pollEvery(app, app.config.MAIL_POLL_MS, worker, 'mail')
  app.addHook('onClose', async () => {
    await worker.idle()
    transport.close()
  })
}, { name: 'mail-worker', dependencies: ['database', 'config'] })
