// Keyset pagination: opaque cursors over time-ordered ids, newest first.
import { badRequest } from './problems.ts'

export type Page<T> = { items: T[], nextCursor: string | null }

export const encodeCursor = (lastId: string) => Buffer.from(lastId, 'utf8').toString('base64url')

export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function decodeCursor (cursor: string | undefined, pattern: RegExp = ID_PATTERN): string | undefined {
  if (cursor === undefined) return undefined
  const value = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!pattern.test(value)) throw badRequest('invalid cursor', [{ path: '/querystring/cursor', message: 'not a cursor returned by this API' }])
  return value
}

/** Builds a page from `limit + 1` rows fetched in order. */
export function toPage<T> (rows: T[], limit: number, idOf: (row: T) => string): Page<T> {
  const hasMore = rows.length > limit
  const items = hasMore ? rows.slice(0, limit) : rows
  const last = items[items.length - 1]
  return { items, nextCursor: hasMore && last !== undefined ? encodeCursor(idOf(last)) : null }
}
