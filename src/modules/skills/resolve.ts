// Resolves skill tags to the keys stored for filtering and matching: canonical tags, or the normalised tag when unknown.
import { and, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.ts'
import { collegeSkills, orderSkills, organizations } from '../../../db/schema/index.ts'
import { normalizeSkillTags } from './normalize.ts'
import { canonicalTags } from './repository.ts'

/**
 * The keys under which an order's or a college's skills are indexed: each tag normalised, then
 * resolved through the vocabulary's aliases, so 数控, CNC, ＣＮＣ and "cnc machining" share one key.
 * Tags the vocabulary does not know keep their normalised form. Distinct, in first-seen order.
 */
export function skillKeys (tx: DbOrTx, tags: readonly string[]): string[] {
  const normalized = normalizeSkillTags(tags)
  const canonical = canonicalTags(tx, normalized)
  return [...new Set(normalized.map((key) => canonical.get(key) ?? key))]
}

/** Rewrites the college's canonical skill keys from its specialties (call in the transaction that stores them). */
export function syncCollegeSkills (tx: DbOrTx, collegeId: string, specialties: readonly string[] | null | undefined): void {
  tx.delete(collegeSkills).where(eq(collegeSkills.collegeId, collegeId)).run()
  const keys = skillKeys(tx, specialties ?? [])
  if (keys.length > 0) tx.insert(collegeSkills).values(keys.map((skill) => ({ collegeId, skill }))).run()
}

/** Rebuilds every college's keys (after a vocabulary change at start, or after a bulk import that bypassed the API). */
export function rebuildCollegeSkills (tx: DbOrTx): number {
  const colleges = tx.select({ id: organizations.id, specialties: organizations.specialties }).from(organizations)
    .where(eq(organizations.kind, 'college')).all()
  for (const c of colleges) syncCollegeSkills(tx, c.id, c.specialties)
  return colleges.length
}

/**
 * After aliases were added, moves stored keys equal to one of them onto its canonical tag:
 * colleges are re-resolved from their specialties, order_skills rows are re-keyed in place.
 */
export function reindexSkillKeys (tx: DbOrTx, aliases: readonly string[]): void {
  const canonical = canonicalTags(tx, aliases)
  const moved = [...canonical].filter(([alias, tag]) => alias !== tag).map(([alias]) => alias)
  if (moved.length === 0) return
  const colleges = tx.selectDistinct({ id: collegeSkills.collegeId }).from(collegeSkills).where(inArray(collegeSkills.skill, moved)).all()
  for (const { id } of colleges) {
    const row = tx.select({ specialties: organizations.specialties }).from(organizations).where(eq(organizations.id, id)).get()
    syncCollegeSkills(tx, id, row?.specialties)
  }
  const orderRows = tx.select().from(orderSkills).where(inArray(orderSkills.skill, moved)).all()
  for (const r of orderRows) {
    tx.insert(orderSkills).values({ skill: canonical.get(r.skill)!, orderId: r.orderId }).onConflictDoNothing().run()
    tx.delete(orderSkills).where(and(eq(orderSkills.skill, r.skill), eq(orderSkills.orderId, r.orderId))).run()
  }
}
