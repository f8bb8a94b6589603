// The SQLite and PostgreSQL schemas cannot drift: same tables, columns, nullability, keys and index names.
import t from 'tap'
import { is } from 'drizzle-orm'
import { SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core'
import { PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core'
import * as sqliteSchema from '../../db/schema/index.ts'
import * as pgSchema from '../../db/pg/schema/index.ts'

/**
 * Every intended difference, by name. Search is each engine's own (docs/postgres.md, "Search"): SQLite's FTS5
 * table `order_search` is created by its migration (drizzle declares no virtual tables); PostgreSQL holds the
 * same terms in a GIN-indexed array on the order. Both record the term-rules version in search_index_versions.
 */
const ONLY_SQLITE = { tables: [] as string[], columns: [] as string[], indexes: [] as string[] }
const ONLY_PG = {
  tables: [] as string[],
  columns: ['orders.search_terms', 'notifications.tx_id'],
  indexes: ['orders.orders_search_terms_idx', 'notifications.notifications_feed_idx']
}

type Shape = {
  columns: Map<string, { notNull: boolean, primary: boolean, unique: boolean, hasDefault: boolean }>
  primaryKey: string[]
  indexes: Map<string, { unique: boolean, columns: string[] }>
  foreignKeys: string[]
}

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>

function shapeOf (config: AnyConfig): Shape {
  const columns = new Map(config.columns.map((c) => [c.name, { notNull: c.notNull, primary: c.primary, unique: c.isUnique, hasDefault: c.hasDefault }]))
  const primaryKey = config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)).sort()
  const indexes = new Map(config.indexes.map((index) => [index.config.name ?? '(unnamed)', {
    unique: index.config.unique,
    columns: index.config.columns.map((c) => ('name' in c ? String(c.name) : 'expression'))
  }]))
  const foreignKeys = config.foreignKeys.map((fk) => {
    const ref = fk.reference()
    return `${ref.columns.map((c) => c.name).join(',')} -> ${getName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(',')})`
  }).sort()
  return { columns, primaryKey, indexes, foreignKeys }
}

const getName = (table: unknown) => is(table, PgTable) ? pgConfig(table).name : sqliteConfig(table as SQLiteTable).name

const sqliteTables = new Map(Object.values(sqliteSchema).filter((v) => is(v, SQLiteTable)).map((v) => sqliteConfig(v as SQLiteTable)).map((c) => [c.name, shapeOf(c)]))
const pgTables = new Map(Object.values(pgSchema).filter((v) => is(v, PgTable)).map((v) => pgConfig(v as PgTable)).map((c) => [c.name, shapeOf(c)]))

const without = (names: Iterable<string>, skip: string[], prefix = '') => [...names].filter((n) => !skip.includes(prefix + n)).sort()

t.test('the same tables on both engines', async (t) => {
  t.ok(sqliteTables.size >= 20, `${sqliteTables.size} SQLite tables`)
  t.same(without(pgTables.keys(), ONLY_PG.tables), without(sqliteTables.keys(), ONLY_SQLITE.tables))
})

t.test('every table: the same columns, nullability, defaults, primary and foreign keys, and index names', async (t) => {
  for (const [name, lite] of sqliteTables) {
    const pgShape = pgTables.get(name)
    if (!pgShape) continue // reported by the table test (or intended)
    t.same(without(pgShape.columns.keys(), ONLY_PG.columns, `${name}.`), without(lite.columns.keys(), ONLY_SQLITE.columns, `${name}.`), `${name}: columns`)
    for (const [column, spec] of lite.columns) {
      const other = pgShape.columns.get(column)
      if (other) t.same(other, spec, `${name}.${column}: not null, primary, unique, default`)
    }
    t.same(pgShape.primaryKey, lite.primaryKey, `${name}: composite primary key`)
    t.same(pgShape.foreignKeys, lite.foreignKeys, `${name}: foreign keys`)
    t.same(without(pgShape.indexes.keys(), ONLY_PG.indexes, `${name}.`), without(lite.indexes.keys(), ONLY_SQLITE.indexes, `${name}.`), `${name}: index names`)
    for (const [index, spec] of lite.indexes) {
      const other = pgShape.indexes.get(index)
      if (other) t.same(other, spec, `${name}.${index}: unique and columns in order`)
    }
  }
})

t.test('every intended difference still exists (the lists above cannot go stale)', async (t) => {
  for (const table of ONLY_SQLITE.tables) t.ok(sqliteTables.has(table) && !pgTables.has(table), `${table} only on SQLite`)
  for (const table of ONLY_PG.tables) t.ok(pgTables.has(table) && !sqliteTables.has(table), `${table} only on PostgreSQL`)
  for (const key of ONLY_PG.columns) {
    const [table, column] = key.split('.') as [string, string]
    t.ok(pgTables.get(table)?.columns.has(column) && !sqliteTables.get(table)?.columns.has(column), `${key} only on PostgreSQL`)
  }
  for (const key of ONLY_PG.indexes) {
    const [table, index] = key.split('.') as [string, string]
    t.ok(pgTables.get(table)?.indexes.has(index) && !sqliteTables.get(table)?.indexes.has(index), `${key} only on PostgreSQL`)
  }
})
