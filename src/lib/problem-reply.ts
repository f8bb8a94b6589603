// Sending problem details: through a reply (security headers always set) and for errors Fastify raises before any hook runs.
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import { titleFor, typeFor, type ProblemFieldError } from './problems.ts'
import { securityHeaders } from './security-headers.ts'

export const PROBLEM_TYPE = 'application/problem+json'

export function problemBody (status: number, code: string, detail: string, errors?: ProblemFieldError[]): Record<string, unknown> {
  const body: Record<string, unknown> = { type: typeFor(code), title: titleFor(status), status, detail, code }
  if (errors && errors.length > 0) body['errors'] = errors
  return body
}

/** Helmet's headers, and no-store (src/plugins/security.ts sets it in onSend, which errors before routing skip). */
const problemHeaders: Readonly<Record<string, string>> = { ...securityHeaders, 'cache-control': 'no-store' }

/** The security headers that helmet has not set on this reply (it has not when the error came before its hook). */
function fillSecurityHeaders (reply: FastifyReply): void {
  for (const [name, value] of Object.entries(problemHeaders)) {
    if (!reply.hasHeader(name) && !reply.raw.hasHeader(name)) reply.header(name, value)
  }
}

export function sendProblem (reply: FastifyReply, status: number, code: string, detail: string, errors?: ProblemFieldError[]) {
  fillSecurityHeaders(reply)
  return reply.code(status).type(PROBLEM_TYPE).send(problemBody(status, code, detail, errors))
}

/**
 * Errors of the router itself (a path that is not valid percent-encoded UTF-8, a path parameter over
 * `maxParamLength`): problems like any other, statuses from the API's table (no 414).
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  // No hook runs for these answers, so the metrics' onResponse never sees them: report them directly.
  reply.raw.once('finish', () => request.server.observeRequest?.(request, reply))
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(reply, 400, 'validation_failed', 'the URL path is not valid percent-encoded UTF-8', [{ path: '/url', message: 'malformed percent-encoding' }])
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(reply, 400, 'validation_failed', 'a path parameter is too long', [{ path: '/params', message: 'too long' }])
  }
  request.log.error({ err: error }, 'framework error')
  return sendProblem(reply, 500, 'internal_error', `unexpected error; quote request id ${request.id} to the operator`)
}

/** Malformed HTTP (raw non-ASCII in the URL, bad framing, oversized headers, a timed-out request): a 400 problem, then the socket closes. */
export function clientErrorHandler (error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [code, detail] = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ? ['request_timeout', 'the request did not arrive in time']
    : error.code === 'HPE_HEADER_OVERFLOW'
      ? ['headers_too_large', 'the request headers are too large']
      : ['validation_failed', 'malformed HTTP request (a URL must be ASCII, with other characters percent-encoded as UTF-8)']
  const body = JSON.stringify(problemBody(400, code, detail))
  const headers = { ...problemHeaders, 'content-type': `${PROBLEM_TYPE}; charset=utf-8`, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }
  if (socket.writable) {
    socket.write(`HTTP/1.1 400 Bad Request\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`)
  }
  socket.destroy(error)
}
