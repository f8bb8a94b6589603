// Error plugin: every failure becomes an RFC 9457 problem (application/problem+json).
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import { addRouteHook } from '../lib/route-hooks.ts'
import { HttpProblem, badRequest, type ProblemFieldError } from '../lib/problems.ts'
import { sendProblem } from '../lib/problem-reply.ts'
import { sharedSchemas } from '../../schemas/index.ts'
import { defaultCodes } from '../../schemas/common.ts'
import { isDatabaseUnavailable, isUniqueViolation } from '../../db/errors.ts'

type ValidationIssue = { instancePath?: string, schemaPath?: string, message?: string, keyword?: string, params?: Record<string, unknown> }

/** The API's table of 4xx statuses and their default codes (DESIGN); 503 stays as it is. */
const codeByStatus: Record<number, string | undefined> = defaultCodes

const unionBranch = (issue: ValidationIssue) => /^(.*\/anyOf\/\d+)\//.exec(issue.schemaPath ?? '')?.[1]
const unionRoot = (branch: string) => branch.replace(/\/\d+$/, '')

/**
 * A union told apart by a constant (an organization's `kind`) fails in every branch; only the branch
 * the input chose is worth reporting. Branches whose constant did not match are dropped, and so is the
 * "must match a schema in anyOf" summary; when no branch matched, one error lists the allowed constants.
 */
function pruneUnionIssues (issues: ValidationIssue[]): ValidationIssue[] {
  const missed = new Map<string, ValidationIssue>()
  for (const issue of issues) {
    const branch = unionBranch(issue)
    if (issue.keyword === 'const' && branch) missed.set(branch, issue)
  }
  if (missed.size === 0) return issues
  const chosen = new Set(issues.map(unionBranch).filter((b): b is string => b !== undefined && !missed.has(b)).map(unionRoot))
  const out: ValidationIssue[] = []
  const merged = new Set<string>()
  for (const issue of issues) {
    const branch = unionBranch(issue)
    if (branch && missed.has(branch)) {
      const root = unionRoot(branch)
      if (!chosen.has(root) && issue.keyword === 'const' && !merged.has(root)) {
        merged.add(root)
        const allowed = [...missed].filter(([b]) => unionRoot(b) === root).map(([, i]) => String(i.params?.['allowedValue']))
        out.push({ ...issue, message: `must be one of: ${[...new Set(allowed)].join(', ')}` })
      }
      continue
    }
    if (issue.keyword === 'anyOf' && [...missed.keys()].some((b) => unionRoot(b) === issue.schemaPath)) continue
    out.push(issue)
  }
  return out
}

const outerBranch = (issue: ValidationIssue) => /^(.*?\/anyOf\/\d+)\//.exec(issue.schemaPath ?? '')?.[1]

/**
 * A union told apart by which property is present (registration's `organization` or `invitationToken`):
 * the branches that miss a required property the input did not send are dropped when another branch
 * of the same union misses none, so only the branch the input chose speaks.
 */
function pruneAbsentBranches (issues: ValidationIssue[]): ValidationIssue[] {
  const missing = new Set<string>()
  const branches = new Set<string>()
  for (const issue of issues) {
    const branch = outerBranch(issue)
    if (!branch) continue
    branches.add(branch)
    if (issue.keyword === 'required' && issue.schemaPath === `${branch}/required`) missing.add(branch)
  }
  const complete = new Set([...branches].filter((b) => !missing.has(b)).map(unionRoot))
  return issues.filter((issue) => {
    const branch = outerBranch(issue)
    return !(branch && missing.has(branch) && complete.has(unionRoot(branch)))
  })
}

function fieldErrors (rawIssues: ValidationIssue[], part: string | undefined): ProblemFieldError[] {
  const prefix = part && part !== 'body' ? `/${part}` : ''
  const issues = pruneUnionIssues(pruneAbsentBranches(rawIssues))
  const unique = new Map<string, ProblemFieldError>()
  for (const issue of issues) {
    // A union's summary adds nothing when its branches already said what is wrong.
    if (issue.keyword === 'anyOf' && issues.length > 1) continue
    let path = issue.instancePath ?? ''
    const params = issue.params ?? {}
    if (typeof params['additionalProperty'] === 'string') path += `/${params['additionalProperty']}`
    if (typeof params['missingProperty'] === 'string') path += `/${params['missingProperty']}`
    const message = issue.keyword === 'additionalProperties' ? 'unknown field' : (issue.message ?? 'invalid')
    const error = { path: `${prefix}${path}` || '/', message }
    unique.set(`${error.path}\n${error.message}`, error)
  }
  return [...unique.values()].slice(0, 100)
}

function handleError (this: unknown, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpProblem) {
    if (error.headers) reply.headers(error.headers)
    return sendProblem(reply, error.status, error.code, error.message, error.errors)
  }
  if (error.validation) {
    const part = error.validationContext
    return sendProblem(reply, 400, 'validation_failed', `request ${part ?? 'input'} does not match the schema`, fieldErrors(error.validation as ValidationIssue[], part))
  }
  if (isDatabaseUnavailable(error)) {
    reply.header('retry-after', '1')
    request.log.warn({ err: error }, 'database busy or unreachable')
    return sendProblem(reply, 503, 'service_unavailable', 'the database is busy or unreachable; retry shortly')
  }
  if (isUniqueViolation(error)) {
    return sendProblem(reply, 409, 'conflict', 'this would duplicate an existing record')
  }
  const status = error.statusCode ?? 500
  if (status >= 500) {
    request.log.error({ err: error, reqId: request.id }, 'unhandled error')
    return sendProblem(reply, 500, 'internal_error', `unexpected error; quote request id ${request.id} to the operator`)
  }
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return sendProblem(reply, 400, 'validation_failed', 'malformed JSON body')
  }
  if (status === 429) {
    return sendProblem(reply, 429, 'rate_limited', error.message || 'too many requests')
  }
  if (status === 401) {
    return sendProblem(reply, 401, 'unauthenticated', 'missing, invalid or expired access token')
  }
  // Statuses stay within the API's table: any other 4xx a plugin or Fastify raises (408, 414, 431, …) is a 400.
  if (codeByStatus[status] === undefined) return sendProblem(reply, 400, 'validation_failed', error.message || 'bad request')
  return sendProblem(reply, status, codeByStatus[status], error.message)
}

/** The raw query string must decode as UTF-8: `%FF`, `%zz` or a lone `%` is a 400, never a search for mojibake. */
function checkQueryEncoding (url: string | undefined): void {
  const at = url?.indexOf('?') ?? -1
  if (url === undefined || at < 0) return
  try {
    decodeURIComponent(url.slice(at + 1))
  } catch {
    throw badRequest('the query string is not valid percent-encoded UTF-8', [{ path: '/querystring', message: 'malformed percent-encoding' }])
  }
}

export default fp(async (app) => {
  for (const schema of sharedSchemas) app.addSchema(schema)

  // JSON bodies: Fastify's own parser (prototype poisoning refused), where an empty body means "no body".
  const jsonParser = app.getDefaultJsonParser('error', 'error')
  // JSON in and out: Fastify's text/plain parser goes too, so any other body is a 415.
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined)
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- callback style: it calls done and returns nothing
    jsonParser(request, body as string, done)
  })

  // Action routes accept an empty body: an absent body reads as {} wherever the route declares a body schema.
  const emptyBodyAsObject: preValidationAsyncHookHandler = async function (request) {
    if (request.body === undefined) request.body = {}
  }
  app.addHook('onRoute', (route) => {
    if (route.schema?.body !== undefined) addRouteHook(route, 'preValidation', emptyBodyAsObject)
  })

  // First of all hooks (this plugin registers before helmet): a malformed query string never reaches a route.
  app.addHook('onRequest', async (request) => checkQueryEncoding(request.raw.url))

  app.setErrorHandler(handleError)
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`))
}, { name: 'errors' })
