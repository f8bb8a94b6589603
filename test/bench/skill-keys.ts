// Skill keys for the generators: resolved once per tag through the skills module, then looked up inside synchronous bulk transactions.
import type { Executor } from '../../db/executor.ts'
import { skillKeys } from '../../src/modules/skills/resolve.ts'

/** Resolves tags (lists of tags) to the keys the app stores for them, without a query. */
export type SkillKeyTable = (tags: readonly string[]) => string[]

/**
 * The keys of every tag in `vocabulary`, read with the module's skillKeys. A list's keys are its tags'
 * keys, distinct, in first-seen order: exactly what skillKeys(ex, tags) returns for the list.
 */
export async function skillKeyTable (ex: Executor, vocabulary: Iterable<string>): Promise<SkillKeyTable> {
  const byTag = new Map<string, string[]>()
  for (const tag of new Set(vocabulary)) byTag.set(tag, await skillKeys(ex, [tag]))
  return (tags) => [...new Set(tags.flatMap((tag) => {
    const keys = byTag.get(tag)
    if (!keys) throw new Error(`skill ${tag} is not in the generator's vocabulary (test/bench/vocabulary.ts)`)
    return keys
  }))]
}
