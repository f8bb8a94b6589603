// The OpenAPI document: valid OpenAPI 3, a bearer scheme, and every operation tagged, summarized and fully answered.
import t from 'tap'
import { Validator } from '@seriousme/openapi-schema-validator'
import { buildTestApp } from '../helper.ts'

type Operation = {
  tags?: string[]
  summary?: string
  security?: Record<string, string[]>[]
  parameters?: { in: string }[]
  requestBody?: unknown
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>
}
type Document = { openapi: string, paths: Record<string, Record<string, Operation>>, components: { securitySchemes: Record<string, unknown>, schemas?: Record<string, unknown> } }

const METHODS = ['get', 'post', 'put', 'patch', 'delete']

t.test('GET /docs/json is a valid OpenAPI 3 document with the bearerAuth scheme', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(res.statusCode, 200)
  const doc = res.json() as Document
  t.match(doc.openapi, /^3\./)
  t.match(doc.components.securitySchemes['bearerAuth'], { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: /^Access token from \/v1\/auth\/login.*RFC8725/ })
  t.ok(doc.components.schemas?.['Problem'], 'the Problem schema is a shared component')
  const result = await new Validator().validate(doc as unknown as Record<string, unknown>)
  t.ok(result.valid, `valid OpenAPI: ${JSON.stringify(result.errors ?? []).slice(0, 500)}`)
})

t.test('every operation has tags, a summary, security, and a response schema for each status it returns', async (t) => {
  const app = await buildTestApp(t)
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as Document
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ name: `${m.toUpperCase()} ${path}`, path, op: item[m]! })))
  t.ok(operations.length >= 20, `${operations.length} operations`)
  for (const expected of ['GET /health', 'GET /ready', 'POST /v1/auth/register', 'POST /v1/auth/login', 'POST /v1/auth/refresh', 'POST /v1/auth/logout', 'POST /v1/auth/password',
    'GET /v1/me', 'POST /v1/users', 'GET /v1/alliances', 'POST /v1/alliances', 'POST /v1/alliances/{code}/memberships', 'GET /v1/alliances/{code}/memberships',
    'POST /v1/memberships/{id}/approve', 'POST /v1/memberships/{id}/reject', 'GET /v1/organizations', 'GET /v1/organizations/{id}', 'PATCH /v1/organizations/{id}']) {
    t.ok(operations.some((o) => o.name === expected), `documents ${expected}`)
  }
  const problems: string[] = []
  for (const { name, path, op } of operations) {
    const fail = (what: string) => problems.push(`${name}: ${what}`)
    if (!op.tags?.length) fail('no tags')
    if (!op.summary) fail('no summary')
    if (!Array.isArray(op.security)) fail('no security declared')
    const responses = op.responses ?? {}
    const statuses = Object.keys(responses)
    if (!statuses.some((s) => s.startsWith('2'))) fail('no 2xx response')
    for (const [status, response] of Object.entries(responses)) {
      if (status === '204') continue
      const content = response.content ?? {}
      const schemas = Object.values(content).map((c) => c.schema)
      if (schemas.length === 0 || schemas.some((s) => s === undefined)) fail(`${status} has no schema`)
      if (Number(status) >= 400 && !content['application/problem+json']) fail(`${status} is not problem+json`)
    }
    const authenticated = (op.security ?? []).some((s) => 'bearerAuth' in s)
    if (path.startsWith('/v1/') && !authenticated && !['/v1/auth/register', '/v1/auth/login', '/v1/auth/refresh', '/v1/auth/password-reset', '/v1/auth/password-reset/confirm', '/v1/alliances', '/v1/alliances/{code}'].includes(path)) fail('not marked bearerAuth')
    if (authenticated && !statuses.includes('401')) fail('bearer route without 401')
    const takesInput = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined
    if (takesInput && !statuses.includes('400')) fail('takes input without 400')
    if (path.includes('{id}') && op.parameters?.some((p) => p.in === 'path') && !statuses.includes('404')) fail('an {id} route without 404')
    for (const status of ['429', '500']) if (!statuses.includes(status)) fail(`no ${status}`)
  }
  t.same(problems, [], 'every operation is complete')

  const body = (name: string) => operations.find((o) => o.name === name)?.op.requestBody as { required?: boolean } | undefined
  for (const action of ['POST /v1/memberships/{id}/approve', 'POST /v1/alliances/{code}/memberships']) {
    t.equal(body(action)?.required, false, `${action}: the body may be left out`)
  }
  for (const creating of ['POST /v1/memberships/{id}/reject', 'POST /v1/alliances', 'PATCH /v1/organizations/{id}', 'POST /v1/auth/login']) {
    t.equal(body(creating)?.required, true, `${creating}: the body is required`)
  }
})

t.test('Swagger UI answers at /docs with HTML', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/docs', '/docs/']) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 200, url)
    t.match(res.headers['content-type'], /text\/html/)
    t.match(res.body, /<!DOCTYPE html>/i)
    t.match(res.body, /swagger/i)
  }
  const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
  t.equal(initializer.statusCode, 200, 'the UI scripts are served too')
})
