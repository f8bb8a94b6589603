// The FTS5 key of an order (SQLite): an integer that sorts opposite to the order's UUIDv7 id, so the index's forward walk is newest first.
import type BetterSqlite3 from 'better-sqlite3'

const UUID_V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7([0-9a-f]{3})-([89ab][0-9a-f])[0-9a-f]{2}-[0-9a-f]{12}$/

/**
 * The first 63 bits of the id's ordering part (48 bits of milliseconds, the 12-bit counter, the top 3 random
 * bits), negated. A newer id gives a lower key (or an equal one); ids from one process never share a key
 * (src/lib/ids.ts: milliseconds and counter strictly increase), and the order writes check the rare collision
 * across processes (store.ts). FTS5 returns matches in rowid order, and reads a long doclist backwards only by
 * decoding all of it: with this key as rowid a search walks `order by rowid` forwards, newest first, and stops
 * at its page. VACUUM cannot renumber it, as it may the rowids of a table without an INTEGER PRIMARY KEY.
 */
export function orderSearchKey (id: string): bigint {
  const parts = UUID_V7.exec(id)
  if (!parts) throw new TypeError(`not a UUIDv7 order id: ${id}`)
  const [, high, mid, counter, variant] = parts as unknown as [string, string, string, string, string]
  const random3 = (Number.parseInt(variant, 16) >> 3) & 0x7
  return -((BigInt(`0x${high}${mid}`) << 15n) | (BigInt(`0x${counter}`) << 3n) | BigInt(random3))
}

const ANY_UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const LOWEST_KEY = -((1n << 63n) - 1n)

/**
 * orderSearchKey for UUIDv7 ids; for any other text a key no higher than that of any id sorting below it (its
 * millisecond's lowest key for another UUID, the lowest key otherwise), so `rowid >= key and id < text` stays
 * exact for a cursor of any shape.
 */
export function searchKeyOrBelow (text: string): bigint {
  if (UUID_V7.test(text)) return orderSearchKey(text)
  const parts = ANY_UUID.exec(text)
  return parts ? -((BigInt(`0x${parts[1]!}${parts[2]!}`) << 15n) | 0x7fffn) : LOWEST_KEY
}

/** Registers `order_search_key(id)` on a connection (the SQL of the FTS5 writes, keyset bounds and probes). */
export function registerSearchKey (connection: BetterSqlite3.Database): void {
  connection.function('order_search_key', { deterministic: true }, (id: unknown) => searchKeyOrBelow(String(id)))
}
