// Shared TypeBox schemas: ids, dates, money, text bounds, pages, and problem responses.
import { Type, type TSchema } from 'typebox'
import { PASSWORD_RAW_MAX_LENGTH } from '../src/lib/password.ts'

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'Opaque identifier' })
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })
export const DateString = Type.String({ format: 'date', maxLength: 10, description: 'Calendar date, YYYY-MM-DD', examples: ['2027-03-01'] })
export const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'RFC 3339 instant, UTC', examples: ['2027-01-31T16:00:00.000Z'] })
export const Money = Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Amount in CNY (integer yuan)' })
/**
 * At least one visible character: not only spaces, tabs, line breaks, the ideographic space U+3000
 * (all `\\s` in ECMAScript) or zero-width characters (U+200B–U+200D, U+2060, U+FEFF).
 */
export const NOT_BLANK = '[^\\s\\u200B-\\u200D\\u2060\\uFEFF]'
/** Required human text: 1 to `maxLength` characters, not blank. */
export const NonBlankText = (maxLength: number, description = `Not blank; up to ${maxLength} characters`) =>
  Type.String({ minLength: 1, maxLength, pattern: NOT_BLANK, description })
export const Name = NonBlankText(200)
export const LongText = Type.String({ maxLength: 10_000 })
export const SkillTag = NonBlankText(60)
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
/**
 * A new password. Its length is judged after NFKC normalisation (what is hashed) by the password policy:
 * 400 outside 12–128 characters. The schema bounds the text as sent: at least 12 code points, and room
 * up to 512 for decomposed input (an accent sent as its own character) that composes into 128 or fewer.
 */
export const Password = Type.String({ minLength: 12, maxLength: PASSWORD_RAW_MAX_LENGTH, description: '12 to 128 characters, counted after NFKC normalisation (full-width forms count as their ASCII equivalents); common passwords are refused' })
/** A password to check (login, current password): any text a stored password may have come from. */
export const PasswordAttempt = Type.String({ minLength: 1, maxLength: PASSWORD_RAW_MAX_LENGTH })
export const Reason = NonBlankText(10_000, 'Required reason; not blank; up to 10,000 characters')
export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false })
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const Role = Type.Union([Type.Literal('enterprise'), Type.Literal('college'), Type.Literal('coordinator'), Type.Literal('admin')])
export const OrganizationKind = Type.Union([Type.Literal('enterprise'), Type.Literal('college')])

export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })
export const Cursor = Type.String({ minLength: 1, maxLength: 200 })
export const PageQuery = { limit: Limit, cursor: Type.Optional(Cursor) }

export const PageOf = <T extends TSchema>(item: T) => Type.Object({
  items: Type.Array(item, { maxItems: 100 }),
  nextCursor: Nullable(Cursor)
})

/** An optional, possibly empty body for action routes (publish, approve, start, …). */
export const EmptyBody = Type.Optional(Type.Object({}, { additionalProperties: false }))

export const ProblemSchema = Type.Object({
  type: Type.String({ maxLength: 200 }),
  title: Type.String({ maxLength: 200 }),
  status: Type.Integer({ minimum: 400, maximum: 599 }),
  detail: Type.String({ maxLength: 2000 }),
  code: Type.String({ maxLength: 60 }),
  instance: Type.Optional(Type.String({ maxLength: 200 })),
  errors: Type.Optional(Type.Array(Type.Object({
    path: Type.String({ maxLength: 500 }),
    message: Type.String({ maxLength: 500 })
  }), { maxItems: 100 }))
}, { $id: 'Problem', description: 'RFC 9457 problem details' })

const problemDescriptions: Record<number, string> = {
  400: 'Validation failed (validation_failed)',
  401: 'Missing, invalid or expired credentials (unauthenticated)',
  403: 'Visible, but not allowed for this caller (forbidden)',
  404: 'Absent or not visible to the caller (not_found)',
  409: 'Wrong lifecycle state, duplicate, or deadline passed (conflict)',
  413: 'Body over 1 MiB (payload_too_large)',
  415: 'Body is not JSON (unsupported_media_type)',
  422: 'Well-formed but breaks a business rule (rule_violation)',
  429: 'Too many requests (rate_limited); Retry-After says when to retry',
  500: 'Unexpected server error; the body carries no internals',
  503: 'Temporarily unavailable (database busy, shutting down, or too many password checks waiting: overloaded); Retry-After says when to retry'
}

const problemContent = { 'application/problem+json': { schema: Type.Ref('Problem') } }

/** Retry-After on 429 and 503: whole seconds to wait before trying again. */
const retryAfter = { 'Retry-After': { type: 'integer', format: 'int32', minimum: 1, maximum: 86400, description: 'Seconds to wait before retrying' } }

type ProblemResponse = { description: string, content: typeof problemContent, headers?: typeof retryAfter }

/** Response entries for the given error statuses, plus 400, 429, 500 and 503 that any route may return. */
export function problems (...statuses: number[]): Record<number, ProblemResponse> {
  const all = new Set([400, 429, 500, 503, ...statuses])
  const out: Record<number, ProblemResponse> = {}
  for (const status of [...all].sort()) {
    out[status] = { description: problemDescriptions[status] ?? 'Error', content: problemContent }
    if (status === 429 || status === 503) out[status].headers = retryAfter
  }
  return out
}

/** Error responses of a route that requires a bearer token. */
export const authedProblems = (...statuses: number[]) => problems(401, ...statuses)

export const bearer = [{ bearerAuth: [] }]
