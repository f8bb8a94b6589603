// Search by skill alias: a query that names a vocabulary skill (an alias, Chinese or English) also finds the orders tagged with it.
import type { Executor } from '../../../db/executor.ts'
import { normalizeSkillTag, skillSpellings as spellingsOf } from '../skills/index.ts'

/**
 * Every spelling the vocabulary holds for the skill a whole query names (电焊, welder, TIG …): the orders
 * tagged with any of them are that skill's (their search terms hold their own spellings, skillTerm); none
 * when the query names no skill.
 */
export async function skillSpellings (ex: Executor, query: string): Promise<string[]> {
  const key = normalizeSkillTag(query)
  return key === '' ? [] : await spellingsOf(ex, key)
}
