// Test helpers for the foundation: problem+json assertions and small shortcuts over the API.
import type { LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'

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
