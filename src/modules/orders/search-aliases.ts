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

/** A keyset page as listOrders gives it: `limit + 1` rows newest first, and where a bounded scan stopped looking. */
export type ScanPage<T> = { rows: T[], resumeBefore: string | undefined }

/**
 * Two keyset pages over the same bound merged into one: the rows of either, each once, newest first,
 * cut at `limit + 1`. Where a scan stopped early (`resumeBefore`), the higher such floor binds: below
 * it one side has not looked, so rows there wait for the next page, which resumes below that floor.
 */
export function mergePages<T extends { id: string }> (a: ScanPage<T>, b: ScanPage<T>, limit: number): ScanPage<T> {
  const floors = [a.resumeBefore, b.resumeBefore].filter((f): f is string => f !== undefined)
  const floor = floors.length === 0 ? undefined : floors.reduce((x, y) => (x > y ? x : y))
  const byId = new Map<string, T>()
  // The floor itself was read (listOrders keeps rows at or above it); the next page resumes below it.
  for (const row of [...a.rows, ...b.rows]) if (floor === undefined || row.id >= floor) byId.set(row.id, row)
  const rows = [...byId.values()].sort((x, y) => (x.id < y.id ? 1 : x.id > y.id ? -1 : 0)).slice(0, limit + 1)
  return { rows, resumeBefore: rows.length > limit ? undefined : floor }
}
