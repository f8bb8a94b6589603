// Start-up step: rebuilds every order's search terms when `order_terms` was built by other term rules (SEARCH_INDEX_VERSION).
import { asc, eq, gt } from 'drizzle-orm'
import type { DataLayer, Executor } from '../../../db/executor.ts'
import { orders, orderTerms, searchIndexVersions } from '../../../db/schema/index.ts'
import { indexOrderText } from './store.ts'
import { SEARCH_INDEX_VERSION } from './search-terms.ts'

const INDEX_NAME = 'order_terms'
/** Orders read per batch while rebuilding (the rows are rewritten between batches, not while iterating). */
const BATCH = 500

/** The term-rules version `order_terms` was built with: 0 for a database from before versions were recorded (SQLite only). */
export const storedIndexVersion = async (ex: Executor): Promise<number> =>
  (await ex.orm.select({ version: searchIndexVersions.version }).from(searchIndexVersions).where(eq(searchIndexVersions.name, INDEX_NAME)).get())?.version ?? 0

/**
 * Brings `order_terms` to the code's SEARCH_INDEX_VERSION: when the stored version differs, every
 * order's postings are rebuilt from its title, occupation and description and the version recorded,
 * all in one write transaction (readers see the old index or the new one, never half; a second
 * process starting at once waits and then finds nothing to do). Returns the orders re-indexed, or
 * undefined when the index was current. PostgreSQL holds neither `order_terms` nor the version table
 * (its terms are `orders.search_terms`, written with each order): undefined.
 */
export async function rebuildSearchIndex (data: DataLayer): Promise<number | undefined> {
  if (data.engine !== 'sqlite') return undefined
  return data.write(async (tx) => {
    if (await storedIndexVersion(tx) === SEARCH_INDEX_VERSION) return undefined
    await tx.orm.delete(orderTerms).run()
    let count = 0
    let after = ''
    for (;;) {
      const batch = await tx.orm.select({ id: orders.id, allianceId: orders.allianceId, title: orders.title, occupation: orders.occupation, description: orders.description })
        .from(orders).where(gt(orders.id, after)).orderBy(asc(orders.id)).limit(BATCH).all()
      for (const order of batch) await indexOrderText(tx, order.id, order.allianceId, order)
      count += batch.length
      if (batch.length < BATCH) break
      after = batch[batch.length - 1]!.id
    }
    await tx.orm.insert(searchIndexVersions).values({ name: INDEX_NAME, version: SEARCH_INDEX_VERSION })
      .onConflictDoUpdate({ target: searchIndexVersions.name, set: { version: SEARCH_INDEX_VERSION } }).run()
    return count
  })
}
