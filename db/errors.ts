// What a database error means for the client, on either engine: retry later (503), or a duplicate (409).
const SQLITE_BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED'])
// Connection exceptions (08…), shutdown (57P01–57P03), too many connections (53300), out of resources (53…),
// a statement cancelled by the statement timeout (57014): the database is too busy to answer in time.
const PG_UNAVAILABLE = /^(08|57P0|57014|53)/
const NODE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'])
const PG_CLIENT_GONE = /^(timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Cannot use a pool after calling end)/

type DbError = { code?: unknown, message?: unknown, cause?: unknown }

/** The driver's error: drizzle wraps a failed query in DrizzleQueryError with the driver's error as `cause`. */
function driverError (error: unknown): DbError | null {
  let current = error as DbError | null
  for (let depth = 0; depth < 5 && current && current.code === undefined && current.cause; depth++) current = current.cause as DbError
  return current
}

const codeOf = (error: unknown): string => String(driverError(error)?.code ?? '')

/** The database is busy, unreachable or going away: the request may succeed later (503 with Retry-After). */
export function isDatabaseUnavailable (error: unknown): boolean {
  const code = codeOf(error)
  if (SQLITE_BUSY.has(code) || NODE_NETWORK.has(code)) return true
  if (/^[0-9A-Z]{5}$/.test(code) && PG_UNAVAILABLE.test(code)) return true
  const message = String(driverError(error)?.message ?? '')
  return PG_CLIENT_GONE.test(message)
}

/** A unique constraint refused the write. */
export const isUniqueViolation = (error: unknown): boolean => {
  const code = codeOf(error)
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}
