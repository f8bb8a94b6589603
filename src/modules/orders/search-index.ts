// Start-up step: rebuilds every order's search terms when the index was built by other term rules (SEARCH_INDEX_VERSION).
import { asc, eq, gt } from 'drizzle-orm'
import type { DataLayer, Executor } from '../../../db/executor.ts'
import { orders, searchIndexVersions } from '../../../db/schema/index.ts'
import { biddersOf, indexOrderText, searchableOf } from './store.ts'
import { SEARCH_INDEX_VERSION } from './search-terms.ts'

/** The version row's name: the order search index (SQLite: the FTS5 table `order_search`; PostgreSQL: `orders.search_terms`). */
const INDEX_NAME = 'order_search'
/** Orders read per batch while rebuilding (the rows are rewritten between batches, not while iterating). */
const BATCH = 500

/**
 * One rebuild at a time: SQLite's write transactions already are; on PostgreSQL a second process
 * starting at once waits for the first's lock, then reads the version it recorded.
 */
const LOCK = 'lock table search_index_versions in share row exclusive mode'
/** Empties the index: FTS5's own command on SQLite; on PostgreSQL every order is rewritten anyway. */
const CLEAR = "insert into order_search (order_search) values ('delete-all')"
/** Merges the FTS5 index into one segment (SQLite): a probe by key (`rowid = …` with MATCH) seeks every segment. */
export const OPTIMIZE_SEARCH_INDEX = "insert into order_search (order_search) values ('optimize')"

const INDEXED_SQL = 'select count(*) as n from order_search'

/**
 * SQLite: every order got its own FTS5 row. Two orders whose ids share a search key (ids not made by newId;
 * db/sqlite/search-key.ts) would leave one row for both, and searches would miss one: refuse the rebuild loudly.
 */
async function checkOneRowPerOrder (tx: Executor, orders: number): Promise<void> {
  const indexed = (await tx.get<{ n: number }>(INDEXED_SQL))!.n
  if (indexed !== orders) throw new Error(`search index: ${orders} orders but ${indexed} FTS5 rows; some order ids share a search key (not UUIDv7 ids from src/lib/ids.ts)`)
}

/** The term-rules version the search index was built with: 0 for a database from before versions were recorded. */
export const storedIndexVersion = async (ex: Executor): Promise<number> =>
  (await ex.orm.select({ version: searchIndexVersions.version }).from(searchIndexVersions).where(eq(searchIndexVersions.name, INDEX_NAME)).get())?.version ?? 0

/**
 * Brings the search index to the code's SEARCH_INDEX_VERSION: when the stored version differs, every
 * order's terms are rebuilt from its title, occupation, description and skill tags (and a cancelled one's bidders) and the version recorded,
 * all in one write transaction (readers see the old index or the new one, never half; a second
 * process starting at once waits and then finds nothing to do). Returns the orders re-indexed, or
 * undefined when the index was current. `force` rebuilds whatever the version (`db:migrate -- --reindex`,
 * e.g. when an index is in doubt after restoring or editing a file by hand).
 */
export async function rebuildSearchIndex (data: DataLayer, options: { force?: boolean } = {}): Promise<number | undefined> {
  return data.write(async (tx) => {
    if (tx.engine === 'postgres') await tx.run(LOCK)
    if (!options.force && await storedIndexVersion(tx) === SEARCH_INDEX_VERSION) return undefined
    if (tx.engine === 'sqlite') await tx.run(CLEAR)
    let count = 0
    let after = ''
    for (;;) {
      const batch = await tx.orm.select({
        id: orders.id,
        allianceId: orders.allianceId,
        organizationId: orders.organizationId,
        title: orders.title,
        occupation: orders.occupation,
        description: orders.description,
        skills: orders.skills,
        status: orders.status
      })
        .from(orders).where(gt(orders.id, after)).orderBy(asc(orders.id)).limit(BATCH).all()
      const bidders = await biddersOf(tx, batch.filter((order) => order.status === 'cancelled').map((order) => order.id))
      for (const order of batch) await indexOrderText(tx, order.id, searchableOf(order, bidders.get(order.id)))
      count += batch.length
      if (batch.length < BATCH) break
      after = batch[batch.length - 1]!.id
    }
    if (tx.engine === 'sqlite') {
      await checkOneRowPerOrder(tx, count)
      await tx.run(OPTIMIZE_SEARCH_INDEX)
    }
    await tx.orm.insert(searchIndexVersions).values({ name: INDEX_NAME, version: SEARCH_INDEX_VERSION })
      .onConflictDoUpdate({ target: searchIndexVersions.name, set: { version: SEARCH_INDEX_VERSION } }).run()
    return count
  })
}
