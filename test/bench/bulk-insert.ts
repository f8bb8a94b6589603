// Fast inserts for the generator: prepared statements per drizzle table (column names and value mapping from the schema).
import type BetterSqlite3 from 'better-sqlite3'
import { getTableColumns, type InferInsertModel } from 'drizzle-orm'
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core'

/** Inserts rows; a call with several rows runs one multi-row `insert` (statements cached per row count). */
export type Inserter<T extends SQLiteTable> = (...rows: InferInsertModel<T>[]) => void

/**
 * A prepared `insert into <table>` whose columns are the drizzle table's: values are mapped as
 * drizzle maps them (json columns stringified), and omitted values take the column default.
 */
export function inserter<T extends SQLiteTable> (sqlite: BetterSqlite3.Database, table: T): Inserter<T> {
  const { name } = getTableConfig(table)
  const columns = Object.entries(getTableColumns(table))
  const tuple = `(${columns.map(() => '?').join(', ')})`
  const head = `insert into "${name}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) values `
  const statements = new Map<number, BetterSqlite3.Statement>()
  const statementFor = (count: number) => {
    let statement = statements.get(count)
    if (!statement) statements.set(count, statement = sqlite.prepare(head + new Array(count).fill(tuple).join(', ')))
    return statement
  }
  return (...rows) => {
    const values: unknown[] = new Array(columns.length * rows.length)
    let v = 0
    for (const row of rows) {
      const record = row as Record<string, unknown>
      for (const [key, column] of columns) {
        const value = record[key] ?? column.default ?? null
        values[v++] = value === null ? null : column.mapToDriverValue(value)
      }
    }
    for (let from = 0; from < rows.length; from += 100) {
      const count = Math.min(100, rows.length - from)
      statementFor(count).run(count === rows.length ? values : values.slice(from * columns.length, (from + count) * columns.length))
    }
  }
}

/**
 * Runs `work` in transactions of `batchSize` calls, so a million rows never sit in one journal;
 * between batches it yields to the event loop, so the progress bar can redraw.
 */
export async function batched (sqlite: BetterSqlite3.Database, total: number, batchSize: number, work: (index: number) => void, onBatch?: (done: number) => void): Promise<void> {
  const runBatch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) work(i)
  })
  for (let from = 0; from < total; from += batchSize) {
    const to = Math.min(total, from + batchSize)
    runBatch(from, to)
    onBatch?.(to)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/**
 * Drops the given indexes (exactly as the migrations created them) while `load` runs and builds
 * them again afterwards: one sort per index instead of millions of random B-tree inserts.
 */
export async function withIndexesDeferred (sqlite: BetterSqlite3.Database, indexNames: readonly string[], load: () => Promise<void>, onRebuilt?: (done: number, name: string) => void): Promise<void> {
  const indexes = indexNames.map((name) => {
    const row = sqlite.prepare<[string], { sql: string | null }>("select sql from sqlite_master where type = 'index' and name = ?").get(name)
    if (!row?.sql) throw new Error(`no index named ${name} to defer (schema changed? update test/bench/generate.ts)`)
    return { name, sql: row.sql }
  })
  for (const index of indexes) sqlite.exec(`drop index "${index.name}"`)
  await load()
  for (const [i, index] of indexes.entries()) {
    sqlite.exec(index.sql)
    onRebuilt?.(i + 1, index.name)
    await new Promise((resolve) => setImmediate(resolve))
  }
}
