// Resolves skill tags to the keys stored for filtering and matching (canonical tags once aliases are known).
import type { DbOrTx } from '../../../db/client.ts'
import { normalizeSkillTags } from './normalize.ts'

/**
 * The keys under which an order's or a college's skills are indexed. Today: normalised tags.
 * The skills vocabulary (issue 4) resolves aliases here, so 数控, CNC and cnc-machining share one key.
 */
export function skillKeys (_tx: DbOrTx, tags: readonly string[]): string[] {
  return normalizeSkillTags(tags)
}
