// One delivery attempt over HTTP: the URL checked again, the connection made to a checked address, no redirects.
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { checkUrlStatically, guardedLookup, UrlRefused } from './url-guard.ts'

/** What one attempt came to: `statusCode` null when no response came; `error` a short reason unless delivered. */
export type AttemptResult = { delivered: boolean, statusCode: number | null, error: string | null }

export type SendOptions = { allowPrivate: boolean, timeoutMs: number }

const ERROR_MAX = 500

const short = (text: string) => text.length > ERROR_MAX ? `${text.slice(0, ERROR_MAX - 1)}…` : text

/** What a response means: 2xx delivered; a redirect is not followed, so it fails like any other status. */
function outcomeOf (response: IncomingMessage): AttemptResult {
  const statusCode = response.statusCode ?? null
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { delivered: true, statusCode, error: null }
  const redirect = statusCode !== null && statusCode >= 300 && statusCode < 400
  return { delivered: false, statusCode, error: redirect ? `redirect to ${short(response.headers.location ?? '?')} not followed` : `HTTP ${statusCode ?? '?'}` }
}

/** A failure without a response (refused address, DNS, connection, timeout) as a delivery log line. */
function failure (error: unknown): AttemptResult {
  const message = error instanceof UrlRefused
    ? `refused: ${error.message}`
    : error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}` : String(error)
  return { delivered: false, statusCode: null, error: short(message) }
}

/** POSTs the body; a response (its headers) within `timeoutMs` decides, anything else is a failed attempt. Never throws. */
export async function sendWebhook (rawUrl: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<AttemptResult> {
  let url: URL
  try {
    url = checkUrlStatically(rawUrl, options.allowPrivate)
  } catch (error) {
    return failure(error)
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'talent-orders-webhooks/1' },
    lookup: guardedLookup(options.allowPrivate),
    // A connection of its own per attempt: every attempt resolves and checks the name again.
    agent: false
  }
  return await new Promise<AttemptResult>((resolve) => {
    let settled = false
    const req = request(url, requestOptions, (response) => {
      response.resume()
      settle(outcomeOf(response))
    })
    function settle (result: AttemptResult) {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.destroy()
      resolve(result)
    }
    const timer = setTimeout(() => settle({ delivered: false, statusCode: null, error: `no response within ${options.timeoutMs} ms` }), options.timeoutMs)
    req.on('error', (error) => settle(failure(error)))
    req.end(body)
  })
}
