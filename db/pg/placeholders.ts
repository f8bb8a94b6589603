// Rewrites SQLite-style placeholders (`@name`, `?`) as PostgreSQL's `$1…$n`, outside quoted text; cached per SQL text.
export type PgStatement = {
  text: string
  /** For named placeholders: the parameter name of each `$n`, in order; undefined for positional `?`. */
  names: string[] | undefined
}

const cache = new Map<string, PgStatement>()
const CACHE_LIMIT = 2000

function translate (source: string): PgStatement {
  let out = ''
  const names: string[] = []
  const numbered = new Map<string, number>()
  let positional = 0
  let i = 0
  while (i < source.length) {
    const ch = source[i]!
    if (ch === "'" || ch === '"') {
      const end = source.indexOf(ch, i + 1)
      const stop = end === -1 ? source.length : end + 1
      out += source.slice(i, stop)
      i = stop
    } else if (ch === '?') {
      out += `$${++positional}`
      i++
    } else if (ch === '@' && /[A-Za-z_]/.test(source[i + 1] ?? '')) {
      let j = i + 1
      while (j < source.length && /\w/.test(source[j]!)) j++
      const name = source.slice(i + 1, j)
      let n = numbered.get(name)
      if (n === undefined) {
        names.push(name)
        n = names.length
        numbered.set(name, n)
      }
      out += `$${n}`
      i = j
    } else {
      out += ch
      i++
    }
  }
  if (positional > 0 && names.length > 0) throw new Error('a SQL text mixes named (@name) and positional (?) parameters')
  return { text: unqualifyConflictTargets(out), names: names.length > 0 ? names : undefined }
}

/**
 * drizzle's SQLite dialect names conflict targets with their table (`on conflict ("alliances"."code")`), which
 * SQLite accepts and PostgreSQL refuses: the target lists bare column names there.
 */
function unqualifyConflictTargets (text: string): string {
  return text.replace(/on conflict \(([^)]*)\)/gi, (_whole, target: string) =>
    `on conflict (${target.replace(/"[^"]+"\./g, '')})`)
}

/** The PostgreSQL form of a SQL text written with `@name` or `?` placeholders. */
export function toPgStatement (source: string): PgStatement {
  let found = cache.get(source)
  if (!found) {
    found = translate(source)
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(source, found)
  }
  return found
}

/**
 * Statements are prepared once per connection under a name (pg's `name`), so PostgreSQL parses and plans a text
 * once rather than on every request. Only the first PREPARED_LIMIT distinct texts of a process get a name, for good:
 * every connection keeps what it prepared until it closes, and a name must never stand for another text.
 */
const PREPARED_LIMIT = 200
const preparedNames = new Map<string, string>()

/** The prepared statement's name for a PostgreSQL text, or undefined when the process has named enough of them. */
export function preparedName (text: string): string | undefined {
  let name = preparedNames.get(text)
  if (name === undefined && preparedNames.size < PREPARED_LIMIT) {
    name = `talent_${preparedNames.size + 1}`
    preparedNames.set(text, name)
  }
  return name
}

/** The values for `$1…$n`, from named parameters or a positional array. */
export function pgValues (statement: PgStatement, params: Record<string, unknown> | unknown[] | undefined): unknown[] {
  if (params === undefined) return []
  if (Array.isArray(params)) return params.map(toPgValue)
  const names = statement.names ?? []
  return names.map((name) => {
    if (!(name in params)) throw new Error(`missing SQL parameter @${name}`)
    return toPgValue(params[name])
  })
}

/** Booleans go in as 1 and 0 (the SQLite spelling the SQL texts compare with); undefined as null. */
function toPgValue (value: unknown): unknown {
  if (value === undefined) return null
  if (value === true) return 1
  if (value === false) return 0
  return value
}
