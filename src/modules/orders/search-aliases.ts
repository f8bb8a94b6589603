// Search by skill alias: a query that names a vocabulary skill (an alias, Chinese or English) also finds the orders tagged with it.
import type { Executor } from '../../../db/executor.ts'
import { normalizeSkillTag, canonicalTags } from '../skills/index.ts'

/** The canonical skill a whole query names through the vocabulary (电焊, welder, TIG …), or none. */
export async function aliasSkillKeys (ex: Executor, query: string): Promise<string[]> {
  const key = normalizeSkillTag(query)
  if (key === '') return []
  const tag = (await canonicalTags(ex, [key])).get(key)
  return tag === undefined ? [] : [tag]
}

/** A keyset page as listOrders gives it: `limit + 1` rows newest first. */
export type ScanPage<T> = { rows: T[] }

/** Two keyset pages over the same bound merged into one: the rows of either, each once, newest first, cut at `limit + 1`. */
export function mergePages<T extends { id: string }> (a: ScanPage<T>, b: ScanPage<T>, limit: number): ScanPage<T> {
  const byId = new Map<string, T>()
  for (const row of [...a.rows, ...b.rows]) byId.set(row.id, row)
  return { rows: [...byId.values()].sort((x, y) => (x.id < y.id ? 1 : x.id > y.id ? -1 : 0)).slice(0, limit + 1) }
}
