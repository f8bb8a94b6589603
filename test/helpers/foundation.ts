// Test helpers for the foundation: problem+json assertions and small shortcuts over the API.
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type LightMyRequestResponse } from 'fastify'
import fp from 'fastify-plugin'
import type { Test } from 'tap'
import { app } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { serverOptions } from '../../src/server-options.ts'
import { testEnv, testDatabaseEnv } from '../helper.ts'

type Assert = Pick<Test, 'equal' | 'match'>

/** Asserts an RFC 9457 problem response with the given status (and code, when given). */
export function assertProblem (t: Assert, res: LightMyRequestResponse, status: number, code?: string, message = `problem ${status}`): Record<string, unknown> {
  t.equal(res.statusCode, status, `${message}: status (${res.body.slice(0, 160)})`)
  t.match(String(res.headers['content-type']), /^application\/problem\+json/, `${message}: content-type`)
  const body = JSON.parse(res.body) as Record<string, unknown>
  t.equal(body['status'], status, `${message}: body.status`)
  t.match(body, { type: String, title: String, detail: String, code: String }, `${message}: problem fields`)
  if (code !== undefined) t.equal(body['code'], code, `${message}: code`)
  return body
}

/** The `errors[]` paths of a validation problem. */
export const errorPaths = (res: LightMyRequestResponse): string[] =>
  ((res.json() as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path)

/** Builds the real app plus extra test-only routes (registered after it, like any module). */
export async function buildAppWith (t: { teardown: (fn: () => unknown) => void }, extra: FastifyPluginAsync, overrides: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig(testEnv({ ...await testDatabaseEnv(t), ...overrides }))
  const fastify = Fastify(serverOptions(config))
  await fastify.register(fp(app), { config })
  await fastify.register(extra)
  await fastify.ready()
  t.teardown(() => fastify.close())
  return fastify
}
