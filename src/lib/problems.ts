// Domain errors that the error handler turns into RFC 9457 problem details.
export type ProblemFieldError = { path: string, message: string }

export class HttpProblem extends Error {
  readonly status: number
  readonly code: string
  readonly errors: ProblemFieldError[] | undefined
  readonly headers: Record<string, string> | undefined

  constructor (status: number, code: string, detail: string, options: { errors?: ProblemFieldError[], headers?: Record<string, string> } = {}) {
    super(detail)
    this.name = 'HttpProblem'
    this.status = status
    this.code = code
    this.errors = options.errors
    this.headers = options.headers
  }
}

export const badRequest = (detail: string, errors?: ProblemFieldError[]) =>
  new HttpProblem(400, 'validation_failed', detail, errors ? { errors } : {})
export const unauthenticated = (detail = 'authentication required') =>
  new HttpProblem(401, 'unauthenticated', detail)
export const forbidden = (detail = 'not allowed for this caller') =>
  new HttpProblem(403, 'forbidden', detail)
export const notFound = (what = 'resource') =>
  new HttpProblem(404, 'not_found', `${what} not found`)
export const conflict = (detail: string, code = 'conflict') =>
  new HttpProblem(409, code, detail)
/** The bid deadline has passed: always a 409 (DESIGN files it under conflict), wherever it is found. */
export const deadlinePassed = (detail: string, errors?: ProblemFieldError[]) =>
  new HttpProblem(409, 'deadline_passed', detail, errors ? { errors } : {})
export const ruleViolation = (detail: string, code = 'rule_violation', errors?: ProblemFieldError[]) =>
  new HttpProblem(422, code, detail, errors ? { errors } : {})
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, 'rate_limited', detail, { headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) } })

/** The server refuses work it cannot start soon (a full queue): 503 with Retry-After, answered at once. */
export class OverloadedError extends HttpProblem {
  constructor (detail: string, retryAfterSeconds: number) {
    super(503, 'overloaded', detail, { headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) } })
    this.name = 'OverloadedError'
  }
}
export const overloaded = (detail: string, retryAfterSeconds: number) => new OverloadedError(detail, retryAfterSeconds)

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable'
}

export const titleFor = (status: number) => titles[status] ?? (status >= 500 ? 'Server Error' : 'Error')

/** Problem `type` URIs are stable, documented identifiers for each code. */
export const typeFor = (code: string) => `https://talent-orders.example/problems/${code.replaceAll('_', '-')}`
