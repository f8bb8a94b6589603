// Prepared statements cached per SQLite connection, in object-row and array-row (drizzle) forms.
import type BetterSqlite3 from 'better-sqlite3'

type Statement = BetterSqlite3.Statement<unknown[], unknown>
type Cache = { objects: Map<string, Statement>, arrays: Map<string, Statement> }

const caches = new WeakMap<BetterSqlite3.Database, Cache>()

function cacheOf (connection: BetterSqlite3.Database): Cache {
  let cache = caches.get(connection)
  if (!cache) {
    cache = { objects: new Map(), arrays: new Map() }
    caches.set(connection, cache)
  }
  return cache
}

/** The statement for this SQL text on the connection, compiled once; `arrays` returns rows as value arrays. */
export function statementFor (connection: BetterSqlite3.Database, text: string, arrays = false): Statement {
  const cache = cacheOf(connection)
  const map = arrays ? cache.arrays : cache.objects
  let statement = map.get(text)
  if (!statement) {
    statement = connection.prepare<unknown[], unknown>(text)
    if (arrays && statement.reader) statement.raw(true)
    map.set(text, statement)
  }
  return statement
}

/** Positional parameters spread, named ones passed as one object (better-sqlite3's two forms). */
export const bindArgs = (params: Record<string, unknown> | unknown[] | undefined): unknown[] =>
  params === undefined ? [] : Array.isArray(params) ? params.map(bindValue) : [bindNamed(params)]

const bindValue = (value: unknown): unknown => value === true ? 1 : value === false ? 0 : value === undefined ? null : value

/** The object itself unless it holds a boolean or undefined (the common case costs no copy). */
function bindNamed (params: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined
  for (const key in params) {
    const value = params[key]
    if (typeof value === 'boolean' || value === undefined) {
      out ??= { ...params }
      out[key] = bindValue(value)
    }
  }
  return out ?? params
}
