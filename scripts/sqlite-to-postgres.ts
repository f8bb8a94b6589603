// Copies a SQLite database into PostgreSQL: every shared table in foreign-key order, in one transaction, then compares row counts.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { openSqliteConnection, migrationsFolder } from '../db/sqlite/data-layer.ts'
import { migratePostgres } from '../db/pg/migrate.ts'
import { orderSearchTerms, SEARCH_INDEX_VERSION } from '../src/modules/orders/search-terms.ts'

export type CopyOptions = {
  /** The SQLite file (opened read-only). */
  from: string
  /** The PostgreSQL database URL (migrated first). */
  to: string
  /** Empty a target that already holds rows instead of refusing it. */
  replace?: boolean
  /** Rows per insert statement (default 2000). */
  batchRows?: number
  log?: (line: string) => void
}

export type TableCount = { table: string, sqlite: number, postgres: number }
export type CopyResult = { tables: TableCount[], skipped: string[], mismatches: TableCount[], committed: boolean, seconds: number }

/** The copy would lose or overwrite data, or the source is not at the code's migration: nothing was written. */
export class CopyRefused extends Error {
  override readonly name = 'CopyRefused'
}

/** Tables only the SQLite side has, or whose PostgreSQL counterpart is rebuilt there: the search index and its version, drizzle's migration log. */
export const SQLITE_ONLY_TABLES = new Set(['search_index_versions', '__drizzle_migrations'])

type TargetColumn = { name: string, dataType: string, nullable: boolean, hasDefault: boolean, identity: boolean }
const RECORD_INDEX_VERSION = "insert into search_index_versions (name, version) values ('order_search', $1) on conflict (name) do update set version = excluded.version"

type Plan = { table: string, columns: { name: string, dataType: string }[], computed: string[] }

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Tables of the source to copy and to skip (SQLite internals, FTS5 virtual tables and their shadow tables, SQLITE_ONLY_TABLES). */
function sourceTables (sqlite: BetterSqlite3.Database): { copy: string[], skipped: string[] } {
  const rows = sqlite.prepare<[], { name: string, sql: string | null }>("select name, sql from sqlite_master where type = 'table' order by name").all()
  const virtual = rows.filter((r) => /^create\s+virtual\s+table/i.test(r.sql ?? '')).map((r) => r.name)
  const copy: string[] = []
  const skipped: string[] = []
  for (const { name } of rows) {
    const sqliteOnly = name.startsWith('sqlite_') || SQLITE_ONLY_TABLES.has(name) || virtual.some((v) => name === v || name.startsWith(`${v}_`))
    ;(sqliteOnly ? skipped : copy).push(name)
  }
  return { copy, skipped }
}

/** The source must be at exactly the migrations this code carries (run `npm run db:migrate` on it first). */
function checkSourceMigrations (sqlite: BetterSqlite3.Database): void {
  const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  const present = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get()
  const applied = present ? Number((sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n) : 0
  if (applied !== journal.entries.length) {
    throw new CopyRefused(`the SQLite file is at migration ${applied}, this code at ${journal.entries.length}: ` +
      (applied < journal.entries.length ? 'migrate it first (DATABASE_PATH=FILE npm run db:migrate)' : 'copy it with the newer code that wrote it'))
  }
}

async function targetColumns (client: pg.Client): Promise<Map<string, TargetColumn[]>> {
  const { rows } = await client.query<{ table_name: string, column_name: string, data_type: string, is_nullable: string, column_default: string | null, is_identity: string }>(
    `select table_name, column_name, data_type, is_nullable, column_default, is_identity from information_schema.columns
     where table_schema = 'public' order by table_name, ordinal_position`)
  const tables = new Map<string, TargetColumn[]>()
  for (const r of rows) {
    const list = tables.get(r.table_name) ?? []
    list.push({ name: r.column_name, dataType: r.data_type, nullable: r.is_nullable === 'YES', hasDefault: r.column_default !== null || r.is_identity === 'YES', identity: r.is_identity === 'YES' })
    tables.set(r.table_name, list)
  }
  return tables
}

/** Parents before children, from the target's foreign keys (a self-reference does not order anything). */
async function foreignKeyOrder (client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string, parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
     join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     where k.contype = 'f' and k.connamespace = 'public'::regnamespace`)
  const parents = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const { child, parent } of rows) if (child !== parent && parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent)
  const ordered: string[] = []
  const done = new Set<string>()
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p)))
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${tables.filter((t) => !done.has(t)).join(', ')}`)
    for (const t of ready) { ordered.push(t); done.add(t) }
  }
  return ordered
}

/** Which columns to copy: every source column must exist in the target; target-only columns are computed or take their default. */
function planTable (sqlite: BetterSqlite3.Database, table: string, target: TargetColumn[]): Plan {
  const source = sqlite.prepare<[], { name: string }>(`select name from pragma_table_info('${table.replace(/'/g, "''")}')`).all().map((c) => c.name)
  const byName = new Map(target.map((c) => [c.name, c]))
  const missing = source.filter((c) => !byName.has(c))
  if (missing.length > 0) throw new Error(`${table}: PostgreSQL has no column ${missing.join(', ')}`)
  const computed: string[] = []
  for (const column of target.filter((c) => !source.includes(c.name))) {
    if (table === 'orders' && column.name === 'search_terms') computed.push(column.name)
    else if (!column.nullable && !column.hasDefault) throw new Error(`${table}.${column.name} exists only in PostgreSQL and has no default`)
  }
  return { table, columns: source.map((name) => ({ name, dataType: byName.get(name)!.dataType })), computed }
}

/** One SQLite value (integers as bigint: safeIntegers) in the JSON shape json_populate_recordset reads for the column. */
function toJsonValue (value: unknown, dataType: string, where: string): unknown {
  if (value === null || value === undefined) return null
  if (Buffer.isBuffer(value)) throw new Error(`${where}: a blob cannot be copied`)
  switch (dataType) {
    case 'jsonb':
    case 'json':
      try {
        return JSON.parse(String(value))
      } catch {
        throw new Error(`${where}: not JSON: ${String(value).slice(0, 80)}`)
      }
    // bigint exactly (skill_bits reaches bit 62): as a decimal string, which the bigint input reads without loss.
    case 'bigint': return typeof value === 'bigint' ? value.toString() : value
    case 'integer':
    case 'smallint':
    case 'double precision':
    case 'real':
    case 'numeric': return typeof value === 'bigint' ? Number(value) : value
    default: return typeof value === 'bigint' ? value.toString() : value
  }
}

const CANCELLED_BIDDERS_SQL = `select distinct b.order_id as orderId, b.organization_id as organizationId
  from bids b join orders o on o.id = b.order_id where o.status = 'cancelled'`

/** The colleges that bid on each cancelled order (their tokens are among its search terms, search-terms.ts). */
function cancelledOrderBidders (sqlite: BetterSqlite3.Database): Map<string, string[]> {
  const byOrder = new Map<string, string[]>()
  for (const row of sqlite.prepare(CANCELLED_BIDDERS_SQL).all() as Array<{ orderId: string, organizationId: string }>) {
    byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row.organizationId])
  }
  return byOrder
}

/** Copies one table's rows from the source snapshot in batches of multi-row inserts; returns the rows copied. */
async function copyTable (sqlite: BetterSqlite3.Database, client: pg.Client, plan: Plan, batchRows: number): Promise<number> {
  const names = [...plan.columns.map((c) => c.name), ...plan.computed]
  const list = names.map(quote).join(', ')
  const insert = `insert into ${quote(plan.table)} (${list}) select ${list} from json_populate_recordset(null::${quote(plan.table)}, $1::json)`
  const statement = sqlite.prepare(`select ${plan.columns.map((c) => quote(c.name)).join(', ')} from ${quote(plan.table)} order by rowid`).safeIntegers(true)
  // The bidders of cancelled orders, read before the iteration (no other statement runs on its connection meanwhile).
  const bidders = plan.computed.includes('search_terms') ? cancelledOrderBidders(sqlite) : new Map<string, string[]>()
  let batch: Record<string, unknown>[] = []
  let copied = 0
  const flush = async () => {
    if (batch.length === 0) return
    await client.query(insert, [JSON.stringify(batch)])
    copied += batch.length
    batch = []
  }
  // The iterator keeps the SQLite statement open while the batches are written (nothing else runs on that connection).
  for (const row of statement.iterate() as IterableIterator<Record<string, unknown>>) {
    const out: Record<string, unknown> = {}
    for (const column of plan.columns) out[column.name] = toJsonValue(row[column.name], column.dataType, `${plan.table}.${column.name}`)
    if (plan.computed.includes('search_terms')) {
      out['search_terms'] = orderSearchTerms({
        allianceId: String(row['alliance_id']),
        organizationId: String(row['organization_id']),
        title: String(row['title'] ?? ''),
        occupation: String(row['occupation'] ?? ''),
        description: String(row['description'] ?? ''),
        skills: JSON.parse(String(row['skills'] ?? '[]')) as string[],
        bidders: bidders.get(String(row['id'])) ?? []
      })
    }
    batch.push(out)
    if (batch.length >= batchRows) await flush()
  }
  await flush()
  return copied
}

const count = async (client: pg.Client, table: string) => Number((await client.query<{ n: string }>(`select count(*) as n from ${quote(table)}`)).rows[0]?.n ?? 0)

/**
 * Copies `from` into `to`: migrates the target, refuses one holding rows (unless `replace`: then empties it), copies
 * every shared table from one SQLite snapshot in foreign-key order inside one PostgreSQL transaction, moves identity
 * sequences past the copied values (events.seq), and compares row counts per table before committing: on any
 * mismatch it rolls back and returns them (`committed: false`).
 */
export async function copySqliteToPostgres (options: CopyOptions): Promise<CopyResult> {
  const started = Date.now()
  const log = options.log ?? (() => {})
  const batchRows = options.batchRows ?? 2000
  if (!existsSync(options.from)) throw new CopyRefused(`no SQLite database at ${options.from}`)
  const sqlite = openSqliteConnection(options.from, { readonly: true })
  const client = new pg.Client({ connectionString: options.to, options: '-c TimeZone=UTC' })
  let connected = false
  try {
    checkSourceMigrations(sqlite)
    const migrated = await migratePostgres(options.to)
    log(`target migrated: ${migrated.applied} applied, ${migrated.total} in all`)
    await client.connect()
    connected = true
    const columns = await targetColumns(client)
    const { copy, skipped } = sourceTables(sqlite)
    const missing = copy.filter((t) => !columns.has(t))
    if (missing.length > 0) throw new CopyRefused(`PostgreSQL has no table ${missing.join(', ')}`)
    const ordered = await foreignKeyOrder(client, copy)
    const plans = ordered.map((t) => planTable(sqlite, t, columns.get(t)!))
    const allTargets = [...columns.keys()]

    // One snapshot of the source (WAL: a server may keep writing; what it writes later is not copied).
    sqlite.exec('BEGIN')
    await client.query('BEGIN')
    let committed = false
    try {
      const filled: string[] = []
      for (const t of allTargets) if ((await client.query(`select 1 from ${quote(t)} limit 1`)).rowCount) filled.push(t)
      if (filled.length > 0 && !options.replace) throw new CopyRefused(`the target already holds rows (${filled.join(', ')}); pass --replace to empty it first`)
      if (filled.length > 0) {
        await client.query(`truncate table ${allTargets.map(quote).join(', ')} restart identity cascade`)
        log(`emptied ${filled.length} tables of the target (--replace)`)
      }
      for (const plan of plans) {
        const began = Date.now()
        const rows = await copyTable(sqlite, client, plan, batchRows)
        log(`${plan.table}: ${rows} rows in ${((Date.now() - began) / 1000).toFixed(1)} s`)
      }
      // Identity columns (events.seq) continue after the highest copied value.
      for (const [table, list] of columns) {
        for (const column of list.filter((c) => c.identity)) {
          await client.query(`select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quote(column.name)}) from ${quote(table)}), 0) + 1, false)`, [quote(table), column.name])
        }
      }
      // The orders' search_terms were computed above by the current term rules: record them, so the first start does not rebuild them.
      await client.query(RECORD_INDEX_VERSION, [SEARCH_INDEX_VERSION])
      const tables: TableCount[] = []
      for (const plan of plans) {
        const sqliteCount = Number((sqlite.prepare(`select count(*) as n from ${quote(plan.table)}`).get() as { n: number }).n)
        tables.push({ table: plan.table, sqlite: sqliteCount, postgres: await count(client, plan.table) })
      }
      const mismatches = tables.filter((t) => t.sqlite !== t.postgres)
      if (mismatches.length === 0) {
        await client.query('COMMIT')
        committed = true
      }
      return { tables, skipped, mismatches, committed, seconds: (Date.now() - started) / 1000 }
    } finally {
      if (!committed) await client.query('ROLLBACK').catch(() => {})
      sqlite.exec('COMMIT')
      // Fresh statistics for the planner: the copied tables are new to it.
      if (committed) await client.query('analyze')
    }
  } finally {
    sqlite.close()
    if (connected) await client.end().catch(() => {})
  }
}
