// Idempotency-Key on routes with `config: { idempotent: true }`: the first 2xx answer is replayed for 24 hours.
import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import fp from 'fastify-plugin'
import { and, eq, lt } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import { idempotencyKeys } from '../../db/schema/index.ts'
import type { Database } from '../../db/client.ts'
import { HttpProblem, badRequest, ruleViolation } from '../lib/problems.ts'
import { addProblemCodes } from '../../schemas/common.ts'

export const IDEMPOTENCY_HEADER = 'idempotency-key'
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000
/** A reservation whose request never finished (the process died) may be taken over after this long. */
const ABANDONED_AFTER_MS = 60_000
/** How long a duplicate waits for the first request with its key to finish, and how often it looks. */
const WAIT_FOR_FIRST_MS = 10_000
const WAIT_STEP_MS = 15
/** Marks a reservation whose response is not known yet. */
const PENDING = 0

const KeySchema = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^[\\x20-\\x7E]+$',
  description: 'Makes this create safe to retry: the same key and body within 24 hours returns the first response and creates nothing; the same key with another body is a 422 (idempotency_key_reused). Scoped to the caller.'
}
const KEY_PATTERN = new RegExp(KeySchema.pattern)

type Claim = { userId: string, key: string }
type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'reused' }
  | { kind: 'pending' }
  | { kind: 'completed', statusCode: number, body: string }

declare module 'fastify' {
  interface FastifyRequest {
    /** The Idempotency-Key this request reserved; its response is stored (2xx) or the reservation released. */
    idempotencyClaim: Claim | null
  }
}

/** A stable fingerprint of what the request asks for: method, path and query, and the body with sorted keys. */
function fingerprint (request: FastifyRequest): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical)
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
    }
    return value
  }
  const body = request.body === undefined ? '' : JSON.stringify(canonical(request.body))
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('base64url')
}

/** Reserves the key for this request, or says why not; old records are purged in the same transaction. */
function claim (db: Database, { userId, key }: Claim, requestHash: string, now: Date): ClaimOutcome {
  return db.transaction((tx): ClaimOutcome => {
    const cutoff = new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS).toISOString()
    tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).run()
    const which = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))
    const found = tx.select().from(idempotencyKeys).where(which).get()
    if (!found) {
      tx.insert(idempotencyKeys).values({ userId, key, requestHash, statusCode: PENDING, responseBody: '', createdAt: now.toISOString() }).run()
      return { kind: 'claimed' }
    }
    if (found.requestHash !== requestHash) return { kind: 'reused' }
    if (found.statusCode !== PENDING) return { kind: 'completed', statusCode: found.statusCode, body: found.responseBody }
    if (Date.parse(found.createdAt) <= now.getTime() - ABANDONED_AFTER_MS) {
      tx.update(idempotencyKeys).set({ createdAt: now.toISOString() }).where(which).run()
      return { kind: 'claimed' }
    }
    return { kind: 'pending' }
  }, { behavior: 'immediate' })
}

export default fp(async (app) => {
  app.decorateRequest('idempotencyClaim', null)

  // Document the header (and the answers it adds) on every idempotent route, and let the schema validate it.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return
    const schema = (route.schema ??= {}) as Record<string, unknown>
    const headers = (schema['headers'] ?? { type: 'object', properties: {} }) as { properties?: Record<string, unknown> }
    schema['headers'] = { ...headers, properties: { ...headers.properties, [IDEMPOTENCY_HEADER]: KeySchema } }
    const response = (schema['response'] ??= {}) as Record<string, unknown>
    addProblemCodes(response, 409, ['idempotency_key_in_use'])
    addProblemCodes(response, 422, ['idempotency_key_reused'])
  })

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent || !request.actor) return
    const key = request.headers[IDEMPOTENCY_HEADER]
    if (key === undefined) return
    if (typeof key !== 'string' || !KEY_PATTERN.test(key) || key.length > KeySchema.maxLength) {
      throw badRequest('invalid Idempotency-Key', [{ path: '/headers/idempotency-key', message: '1 to 255 printable ASCII characters' }])
    }
    const wanted: Claim = { userId: request.actor.userId, key }
    const requestHash = fingerprint(request)
    const giveUpAt = Date.now() + WAIT_FOR_FIRST_MS
    for (;;) {
      const outcome = claim(app.db, wanted, requestHash, app.clock())
      if (outcome.kind === 'claimed') {
        request.idempotencyClaim = wanted
        return
      }
      if (outcome.kind === 'reused') {
        throw ruleViolation('this Idempotency-Key was already used with a different request', 'idempotency_key_reused', [{ path: '/headers/idempotency-key', message: 'reused with another body' }])
      }
      if (outcome.kind === 'completed') {
        reply.code(outcome.statusCode).header('idempotent-replayed', 'true')
        if (outcome.body === '') return reply.send()
        return reply.type('application/json; charset=utf-8').send(outcome.body)
      }
      // The first request with this key is still running (here or in another process): wait for its answer.
      if (Date.now() >= giveUpAt) {
        throw new HttpProblem(409, 'idempotency_key_in_use', 'a request with this Idempotency-Key is still in progress; retry shortly', { headers: { 'retry-after': '1' } })
      }
      await sleep(WAIT_STEP_MS)
    }
  })

  const release = (held: Claim) => app.db.delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, held.userId), eq(idempotencyKeys.key, held.key), eq(idempotencyKeys.statusCode, PENDING))).run()

  // Successful answers are kept for replay; any other answer frees the key so a corrected request can use it.
  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotencyClaim
    if (!held) return payload
    request.idempotencyClaim = null
    const status = reply.statusCode
    if (status >= 200 && status < 300 && (typeof payload === 'string' || payload === null || payload === undefined)) {
      app.db.update(idempotencyKeys).set({ statusCode: status, responseBody: payload ?? '' })
        .where(and(eq(idempotencyKeys.userId, held.userId), eq(idempotencyKeys.key, held.key))).run()
    } else {
      release(held)
    }
    return payload
  })
  // A request that ended without sending (client gone, crash in a hook) must not leave its key reserved.
  app.addHook('onResponse', async (request) => {
    if (request.idempotencyClaim) release(request.idempotencyClaim)
  })
}, { name: 'idempotency', dependencies: ['config', 'database', 'auth'] })
