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
 * (all `\\s` in ECMAScript), the Basic Multilingual Plane's Default_Ignorable_Code_Points (zero-width
 * and bidi controls, the soft hyphen, variation selectors, the Mongolian vowel separator U+180E,
 * the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, …) or the blank Braille pattern U+2800.
 * Plain `\\uXXXX` escapes, so the pattern means the same with or without the `u` flag.
 * INVISIBLE is that character class without the spaces (the body of a `[...]`).
 */
export const INVISIBLE = '\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u2800\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFF8'
export const NOT_BLANK = `[^\\s${INVISIBLE}]`
/** Required human text: 1 to `maxLength` characters, not blank. */
export const NonBlankText = (maxLength: number, description = `Not blank; up to ${maxLength} characters`) =>
  Type.String({ minLength: 1, maxLength, pattern: NOT_BLANK, description })
/** C0 controls and DEL: never part of a one-line name (a NUL or newline in a name only serves injection). */
const CONTROL = '\\u0000-\\u001F\\u007F'
/** The blanks of `\\s` and INVISIBLE less the controls: space, NBSP, the Unicode spaces, line separators, U+3000. */
const BLANK = ` \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000${INVISIBLE}`
/**
 * Leading blanks, the first visible character, then anything but controls. The three parts cannot
 * overlap, so the match is linear whatever the input (no backtracking blow-up on a 1 MiB body).
 */
export const ONE_LINE = `^[${BLANK}]*[^\\s${INVISIBLE}${CONTROL}][^${CONTROL}]*$`
/** One line of human text: not blank, no control characters. */
export const OneLineText = (maxLength: number, description = `One line, not blank; up to ${maxLength} characters`) =>
  Type.String({ minLength: 1, maxLength, pattern: ONE_LINE, description })
export const Name = OneLineText(200)
export const LongText = Type.String({ maxLength: 10_000 })
export const SkillTag = OneLineText(60)
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
  400: 'Validation failed',
  401: 'Missing, invalid or expired credentials',
  403: 'Visible, but not allowed for this caller',
  404: 'Absent or not visible to the caller',
  409: 'Wrong lifecycle state, duplicate, or deadline passed',
  413: 'Body over 1 MiB',
  415: 'Body is not JSON',
  422: 'Well-formed but breaks a business rule',
  429: 'Too many requests; Retry-After says when to retry',
  500: 'Unexpected server error; the body carries no internals',
  503: 'Temporarily unavailable (database busy, shutting down, or too many password checks waiting: overloaded); Retry-After says when to retry'
}

/** The `code` every problem of a status may carry (the errors plugin's defaults). */
export const defaultCodes: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'rule_violation',
  429: 'rate_limited',
  500: 'internal_error',
  503: 'service_unavailable'
}

/** More specific codes a route may answer with, by status (`{ 409: ['bids_sealed'] }`). */
export type ProblemCodes = Partial<Record<number, readonly string[]>>

/** The Problem schema with `code` narrowed to the values this response may carry. */
const problemWith = (codes: readonly string[]) => Type.Object({
  ...ProblemSchema.properties,
  code: Type.Unsafe<string>({ type: 'string', maxLength: 60, enum: [...codes], description: 'Machine-readable reason; clients branch on it' })
}, { description: 'RFC 9457 problem details' })

/** Retry-After on 429 and 503: whole seconds to wait before trying again. */
const retryAfter = { 'Retry-After': { type: 'integer', format: 'int32', minimum: 1, maximum: 86400, description: 'Seconds to wait before retrying' } }

type ProblemResponse = { description: string, content: { 'application/problem+json': { schema: TSchema } }, headers?: typeof retryAfter }

/** One problem response: its description and the codes it may carry (the status's default first). */
export function problemResponse (status: number, extra: readonly string[] = []): ProblemResponse {
  const fallback = defaultCodes[status]
  const codes = [...new Set([...(fallback === undefined ? [] : [fallback]), ...extra])]
  const description = `${problemDescriptions[status] ?? 'Error'}; code: ${codes.join(', ')}`
  const response: ProblemResponse = { description, content: { 'application/problem+json': { schema: problemWith(codes) } } }
  if (status === 429 || status === 503) response.headers = retryAfter
  return response
}

/** The codes a problem response built here carries. */
export function codesOf (response: unknown): string[] {
  const schema = (response as { content?: Record<string, { schema?: { properties?: { code?: { enum?: string[] } } } }> } | undefined)
    ?.content?.['application/problem+json']?.schema
  return [...(schema?.properties?.code?.enum ?? [])]
}

/** Adds codes to a route's response entry for a status (creating it when absent): for plugins that add answers to routes. */
export function addProblemCodes (responses: Record<string, unknown>, status: number, codes: readonly string[]): void {
  responses[status] = problemResponse(status, [...codesOf(responses[status]), ...codes])
}

/**
 * Response entries for the given error statuses, plus 400, 429, 500 and 503 that any route may return.
 * A trailing `{ status: [codes] }` names the specific codes a status may carry, which become its `code` enum.
 */
export function problems (...args: Array<number | ProblemCodes>): Record<number, ProblemResponse> {
  const extra: ProblemCodes = {}
  const statuses = new Set([400, 429, 500, 503])
  for (const arg of args) {
    if (typeof arg === 'number') statuses.add(arg)
    else {
      for (const [status, codes] of Object.entries(arg)) {
        statuses.add(Number(status))
        extra[Number(status)] = [...(extra[Number(status)] ?? []), ...(codes ?? [])]
      }
    }
  }
  const out: Record<number, ProblemResponse> = {}
  for (const status of [...statuses].sort()) out[status] = problemResponse(status, extra[status])
  return out
}

/** Error responses of a route that requires a bearer token. */
export const authedProblems = (...args: Array<number | ProblemCodes>) => problems(401, ...args)

export const bearer = [{ bearerAuth: [] }]
