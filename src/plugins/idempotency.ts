// Idempotency-Key on routes with `config: { idempotent: true }`: the first 2xx answer is replayed for 24 hours.
import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import fp from 'fastify-plugin'
import type { FastifyRequest, onResponseAsyncHookHandler, onSendAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify'
import type { Executor } from '../../db/executor.ts'
import { HttpProblem, badRequest, ruleViolation } from '../lib/problems.ts'
import { addProblemCodes } from '../../schemas/common.ts'
import { addRouteHook } from '../lib/route-hooks.ts'

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

type Stored = { requestHash: string, statusCode: number, responseBody: string, createdAt: string }

const PURGE = 'delete from idempotency_keys where created_at < @cutoff'
// The winner of a race (here or in another process) is whoever inserts the row; the others read it.
const RESERVE = `
  insert into idempotency_keys (user_id, key, request_hash, status_code, response_body, created_at)
  values (@userId, @key, @requestHash, ${PENDING}, '', @now)
  on conflict (user_id, key) do nothing`
const STORED = `
  select request_hash as "requestHash", status_code as "statusCode", response_body as "responseBody", created_at as "createdAt"
  from idempotency_keys where user_id = @userId and key = @key`
// Only one of several processes takes an abandoned reservation over: the update's condition is checked as it writes.
const TAKE_OVER = `
  update idempotency_keys set created_at = @now
  where user_id = @userId and key = @key and status_code = ${PENDING} and created_at <= @abandonedBefore`
const COMPLETE = 'update idempotency_keys set status_code = @statusCode, response_body = @body where user_id = @userId and key = @key'
const RELEASE = `delete from idempotency_keys where user_id = @userId and key = @key and status_code = ${PENDING}`

/** Reserves the key for this request, or says why not; records past the retention are purged first. */
async function claim (ex: Executor, { userId, key }: Claim, requestHash: string, now: Date): Promise<ClaimOutcome> {
  await ex.run(PURGE, { cutoff: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS).toISOString() })
  for (;;) {
    const reserved = await ex.run(RESERVE, { userId, key, requestHash, now: now.toISOString() })
    if (reserved.changes === 1) return { kind: 'claimed' }
    const found = await ex.get<Stored>(STORED, { userId, key })
    // Released between the two statements: try to reserve it again.
    if (!found) continue
    if (found.requestHash !== requestHash) return { kind: 'reused' }
    const statusCode = Number(found.statusCode)
    if (statusCode !== PENDING) return { kind: 'completed', statusCode, body: found.responseBody }
    const abandonedBefore = new Date(now.getTime() - ABANDONED_AFTER_MS)
    if (Date.parse(found.createdAt) <= abandonedBefore.getTime()) {
      const taken = await ex.run(TAKE_OVER, { userId, key, now: now.toISOString(), abandonedBefore: abandonedBefore.toISOString() })
      if (taken.changes === 1) return { kind: 'claimed' }
    }
    return { kind: 'pending' }
  }
}

export default fp(async (app) => {
  app.decorateRequest('idempotencyClaim', null)

  const claimKey: preHandlerAsyncHookHandler = async function (request, reply) {
    if (!request.actor) return
    const key = request.headers[IDEMPOTENCY_HEADER]
    if (key === undefined) return
    if (typeof key !== 'string' || !KEY_PATTERN.test(key) || key.length > KeySchema.maxLength) {
      throw badRequest('invalid Idempotency-Key', [{ path: '/headers/idempotency-key', message: '1 to 255 printable ASCII characters' }])
    }
    const wanted: Claim = { userId: request.actor.userId, key }
    const requestHash = fingerprint(request)
    const giveUpAt = Date.now() + WAIT_FOR_FIRST_MS
    for (;;) {
      const outcome = await claim(app.data, wanted, requestHash, app.clock())
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
  }

  const release = async (held: Claim) => {
    await app.data.run(RELEASE, { userId: held.userId, key: held.key })
  }

  // Successful answers are kept for replay; any other answer frees the key so a corrected request can use it.
  const keepAnswer: onSendAsyncHookHandler = async function (request, reply, payload) {
    const held = request.idempotencyClaim
    if (!held) return payload
    request.idempotencyClaim = null
    const status = reply.statusCode
    if (status >= 200 && status < 300 && (typeof payload === 'string' || payload === null || payload === undefined)) {
      await app.data.run(COMPLETE, { userId: held.userId, key: held.key, statusCode: status, body: payload ?? '' })
    } else {
      await release(held)
    }
    return payload
  }
  // A request that ended without sending (client gone, crash in a hook) must not leave its key reserved.
  const freeKey: onResponseAsyncHookHandler = async function (request) {
    if (request.idempotencyClaim) await release(request.idempotencyClaim)
  }

  // Every idempotent route documents the header (and the answers it adds), validates it, and runs the hooks above;
  // no other route runs them.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return
    const schema = (route.schema ??= {}) as Record<string, unknown>
    const headers = (schema['headers'] ?? { type: 'object', properties: {} }) as { properties?: Record<string, unknown> }
    schema['headers'] = { ...headers, properties: { ...headers.properties, [IDEMPOTENCY_HEADER]: KeySchema } }
    const response = (schema['response'] ??= {}) as Record<string, unknown>
    addProblemCodes(response, 409, ['idempotency_key_in_use'])
    addProblemCodes(response, 422, ['idempotency_key_reused'])
    addRouteHook(route, 'preHandler', claimKey)
    addRouteHook(route, 'onSend', keepAnswer)
    addRouteHook(route, 'onResponse', freeKey)
  })
}, { name: 'idempotency', dependencies: ['config', 'database', 'auth'] })
