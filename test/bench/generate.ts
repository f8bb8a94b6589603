// Builds a realistic market in a fresh SQLite file, with a fixed seed: reference data through the data layer, bulk rows straight into the file.
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import type BetterSqlite3 from 'better-sqlite3'
import { openSqliteConnection, openSqliteDataLayer } from '../../db/sqlite/data-layer.ts'
import { alliances } from '../../db/schema/index.ts'
import { hashPassword } from '../../src/lib/password.ts'
import { seedReferenceData } from '../../src/seed/reference.ts'
import { generateOrganizations, type AllianceCode, type OrgRef } from './generate-organizations.ts'
import { generateOrders, type OpenOrderRef, type OrderCatalog } from './generate-orders.ts'
import { withIndexesDeferred } from './bulk-insert.ts'
import { OPTIMIZE_SEARCH_INDEX, rebuildSearchIndex } from '../../src/modules/orders/search-index.ts'
import { rebuildCollegeSkills } from '../../src/modules/skills/resolve.ts'
import { rebuildFigures } from '../../db/figures/consistency.ts'
import { createRng } from './prng.ts'
import { skillKeyTable } from './skill-keys.ts'
import { ALLIANCE_CODES, OCCUPATIONS } from './vocabulary.ts'

/** Every generated user has this password; its scrypt hash (production cost, logN 17) is computed once. */
export const BENCH_PASSWORD = 'bench-Talent-Orders-2026!'
export const RESERVED_BIDDERS = 20

export type GenerateOptions = { path: string, orders: number, colleges?: number, enterprises?: number, seed?: number, now?: Date, quiet?: boolean }

export type Manifest = {
  orders: number, colleges: number, enterprises: number, seed: number, generatedAt: string, seconds: number, fileBytes: number
  /** Seconds spent per phase: organizations, orders (rows), indexes (built after the load). */
  phases: Record<string, number>
  password: string
  admin: string
  coordinators: Record<AllianceCode, string>
  /** Active college members per alliance (emails), for lists, searches and reads. */
  collegeLogins: Record<AllianceCode, string[]>
  /** Colleges with no bid on any open order of the alliance: every (bidder, open order) pair is fresh. */
  bidderLogins: Record<AllianceCode, string[]>
  enterpriseLogins: Record<AllianceCode, string[]>
  open: Record<AllianceCode, OpenOrderRef[]>
  visibleSample: Record<AllianceCode, string[]>
  statusCounts: OrderCatalog['statusCounts']
  rows: Record<string, number>
}

/** Tables the order phase fills: their secondary indexes are built after the load, except those the figures' rebuild looks up by. */
const BULK_TABLES = ['orders', 'order_skills', 'bids', 'matches', 'cohorts', 'trainees', 'order_match_facts']
const TRIGGER_LOOKUP_INDEXES = new Set(['order_skills_order_idx', 'cohorts_college_idx'])

function deferrableIndexes (sqlite: BetterSqlite3.Database): string[] {
  return sqlite.prepare<[], { name: string }>(`select name from sqlite_master where type = 'index' and sql is not null
    and tbl_name in (${BULK_TABLES.map((t) => `'${t}'`).join(', ')}) order by name`).all()
    .map((r) => r.name).filter((name) => !TRIGGER_LOOKUP_INDEXES.has(name))
}

export const manifestPath = (dbPath: string) => `${dbPath}.manifest.json`

export async function generateMarket (options: GenerateOptions): Promise<Manifest> {
  const started = Date.now()
  const seed = options.seed ?? 20260901
  const colleges = options.colleges ?? 5000
  const enterprises = options.enterprises ?? 20000
  const nowMs = (options.now ?? new Date()).getTime()
  const rng = createRng(seed)
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(options.path + suffix)) rmSync(options.path + suffix)

  // Through the data layer (it applies the migrations): what the app itself would store.
  const data = openSqliteDataLayer(options.path)
  // Records the current term rules on the empty index: the generated postings use them (indexTerms), so the server does not rebuild.
  await rebuildSearchIndex(data)
  await seedReferenceData(data, new Date(nowMs - 4 * 365 * 86_400_000))
  const allianceIds = Object.fromEntries((await data.orm.select({ id: alliances.id, code: alliances.code }).from(alliances).all())
    .map((a) => [a.code, a.id])) as Record<AllianceCode, string>
  const skillKeys = await skillKeyTable(data, Object.values(OCCUPATIONS).flatMap((list) => list.flatMap((o) => o.skills)))
  await data.close()

  // The bulk rows on a connection of its own. Generation only: the rollback journal in memory, no fsync, no foreign-key
  // look-ups, a large page cache. The file goes back to WAL at the end; the server opens it with its own settings.
  const sqlite = openSqliteConnection(options.path)
  sqlite.pragma('journal_mode = MEMORY')
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('foreign_keys = OFF')
  sqlite.pragma('cache_size = -1000000')
  const passwordHash = await hashPassword(BENCH_PASSWORD, 17)

  const bars = new cliProgress.MultiBar({
    format: '{phase} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}',
    hideCursor: true, noTTYOutput: !options.quiet, notTTYSchedule: 30_000, stream: process.stderr
  }, cliProgress.Presets.shades_classic)
  const phases: Record<string, number> = {}
  let phaseStart = Date.now()
  const endPhase = (name: string) => { phases[name] = (Date.now() - phaseStart) / 1000; phaseStart = Date.now() }
  const orgBar = bars.create(colleges + enterprises, 0, { phase: 'organizations' })
  const population = await generateOrganizations(sqlite, {
    colleges, enterprises, passwordHash, allianceIds, startMs: nowMs - 3 * 365 * 86_400_000 - 30 * 86_400_000, rng, onProgress: (n) => orgBar.update(n)
  })
  endPhase('organizations')
  const orderBar = bars.create(options.orders, 0, { phase: 'orders       ' })
  const deferred = deferrableIndexes(sqlite)
  const indexBar = bars.create(deferred.length, 0, { phase: 'indexes      ' })
  const loaded: { catalog?: OrderCatalog } = {}
  await withIndexesDeferred(sqlite, deferred, async () => {
    loaded.catalog = await generateOrders(sqlite, {
      orders: options.orders, population, allianceIds, reservedBidders: RESERVED_BIDDERS, nowMs, rng, skillKeys, onProgress: (n) => orderBar.update(n)
    })
    endPhase('orders')
  }, (n) => indexBar.update(n))
  endPhase('indexes')
  bars.stop()
  const catalog = loaded.catalog
  if (!catalog) throw new Error('order generation did not run')
  // No ANALYZE: the app never runs it, so the server plans queries as it would on a database it grew itself.
  // The FTS5 index merged into one segment, as the app's own rebuild leaves it (search-index.ts): the bulk load
  // leaves thousands of small ones, which a database grown one order at a time keeps few by FTS5's automerge.
  sqlite.exec(OPTIMIZE_SEARCH_INDEX)
  sqlite.pragma('journal_mode = WAL')
  sqlite.close()
  // The colleges' skill keys from their specialties, as after any bulk import that bypassed the API (no trigger reads them).
  const skillsData = openSqliteDataLayer(options.path)
  await skillsData.write((tx) => rebuildCollegeSkills(tx))
  endPhase('college skills')
  // The derived figures (order facts, commitments, records) the code keeps, recomputed once from the loaded rows.
  await skillsData.write((tx) => rebuildFigures(tx))
  await skillsData.close()
  endPhase('figures')

  const emails = (lists: Record<AllianceCode, OrgRef[]>, count: number, from = 0) =>
    Object.fromEntries(ALLIANCE_CODES.map((code) => [code, lists[code].slice(from, from + count).map((o) => o.email)])) as Record<AllianceCode, string[]>
  const { statSync } = await import('node:fs')
  const manifest: Manifest = {
    orders: options.orders, colleges, enterprises, seed, generatedAt: new Date(nowMs).toISOString(),
    seconds: (Date.now() - started) / 1000, fileBytes: statSync(options.path).size, phases,
    password: BENCH_PASSWORD,
    admin: population.admin.email,
    coordinators: Object.fromEntries(ALLIANCE_CODES.map((c) => [c, population.coordinators[c].email])) as Record<AllianceCode, string>,
    collegeLogins: emails(population.collegesByAlliance, 200, RESERVED_BIDDERS),
    bidderLogins: emails(population.collegesByAlliance, RESERVED_BIDDERS),
    enterpriseLogins: emails(population.enterprisesByAlliance, 200),
    open: catalog.open,
    visibleSample: catalog.visibleSample,
    statusCounts: catalog.statusCounts,
    rows: catalog.rows
  }
  writeFileSync(manifestPath(options.path), JSON.stringify(manifest))
  return manifest
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { orders: { type: 'string', default: '100000' }, out: { type: 'string', default: '/tmp/talent-orders-bench.db' }, seed: { type: 'string' } } })
  const manifest = await generateMarket({ path: values.out, orders: Number(values.orders), ...(values.seed ? { seed: Number(values.seed) } : {}) })
  process.stdout.write(`${values.out}: ${manifest.orders} orders in ${manifest.seconds.toFixed(1)} s, ${(manifest.fileBytes / 1e6).toFixed(0)} MB\n${JSON.stringify({ phases: manifest.phases, statusCounts: manifest.statusCounts, rows: manifest.rows })}\n`)
}
