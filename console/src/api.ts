// The console's only way to the server: the public /v1 API, an access token held in memory, quiet refresh by cookie.
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly errors: { path: string, message: string }[]
  constructor (status: number, code: string, detail: string, errors: { path: string, message: string }[] = []) {
    super(detail)
    this.status = status
    this.code = code
    this.errors = errors
  }
}

type TokenAnswer = { accessToken: string, expiresIn: number }

// Asks the server to keep the refresh token in its httpOnly cookie; cross-site forms cannot send this header.
const COOKIE_HEADER = { 'x-session-cookie': '1' }

let accessToken: string | null = null
let refreshTimer: ReturnType<typeof setTimeout> | undefined
let refreshing: Promise<boolean> | null = null
const listeners = new Set<(signedIn: boolean) => void>()

/** Called when the session ends by itself (refresh refused), so the shell can show the login page. */
export const onSessionChange = (fn: (signedIn: boolean) => void) => { listeners.add(fn) }

function adopt (answer: TokenAnswer): void {
  accessToken = answer.accessToken
  clearTimeout(refreshTimer)
  // Refresh a little before the token expires, so no request has to wait for it.
  const lead = Math.max(5, Math.floor(answer.expiresIn * 0.8))
  refreshTimer = setTimeout(() => { refresh().catch(() => false) }, lead * 1000)
}

function forget (): void {
  accessToken = null
  clearTimeout(refreshTimer)
}

export const signedIn = () => accessToken !== null

async function readProblem (res: Response): Promise<ApiError> {
  let body: { code?: string, detail?: string, errors?: { path: string, message: string }[] } = {}
  try { body = await res.json() } catch { /* not JSON: keep the status */ }
  return new ApiError(res.status, body.code ?? 'error', body.detail ?? res.statusText, body.errors ?? [])
}

async function tokenCall (path: string, body?: unknown): Promise<TokenAnswer> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...COOKIE_HEADER, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  if (!res.ok) throw await readProblem(res)
  return await res.json() as TokenAnswer
}

/**
 * Exchanges the cookie for a new access token. One refresh at a time in this tab, and one across tabs
 * (Web Locks): the cookie rotates on every use, and a rotated one presented again would end the session.
 */
export function refresh (): Promise<boolean> {
  if (refreshing) return refreshing
  const run = async () => {
    try {
      adopt(await tokenCall('/v1/auth/refresh'))
      return true
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        const was = accessToken !== null
        forget()
        if (was) listeners.forEach((fn) => fn(false))
      }
      return false
    }
  }
  const locked: Promise<boolean> = typeof navigator !== 'undefined' && navigator.locks
    ? navigator.locks.request('talent-orders-refresh', run).then((ok) => ok)
    : run()
  const pending = locked.finally(() => { refreshing = null })
  refreshing = pending
  return pending
}

export async function login (email: string, password: string): Promise<void> {
  adopt(await tokenCall('/v1/auth/login', { email, password }))
}

export async function register (body: Record<string, unknown>): Promise<void> {
  adopt(await tokenCall('/v1/auth/register', body))
}

export async function logout (): Promise<void> {
  try {
    await request('POST', '/v1/auth/logout', undefined, { headers: COOKIE_HEADER })
  } catch { /* the session may already be gone: forget it either way */ }
  forget()
}

type Options = { headers?: Record<string, string>, raw?: boolean }

async function send (method: string, path: string, body: unknown, options: Options): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  if (accessToken) headers['authorization'] = `Bearer ${accessToken}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  return fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
}

/** Calls the API; an expired access token is refreshed once and the call repeated. */
export async function request<T> (method: string, path: string, body?: unknown, options: Options = {}): Promise<T> {
  let res = await send(method, path, body, options)
  if (res.status === 401 && accessToken !== null && await refresh()) res = await send(method, path, body, options)
  if (!res.ok) throw await readProblem(res)
  if (options.raw) return await res.text() as T
  if (res.status === 204) return undefined as T
  return await res.json() as T
}

export const get = <T>(path: string, options?: Options) => request<T>('GET', path, undefined, options)
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {})
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body)
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body)

/** Builds a query string from the set values. */
export function query (params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.set(key, String(value))
  const s = q.toString()
  return s ? `?${s}` : ''
}
