// Resolves skill tags to the keys stored for filtering and matching: canonical tags, or the normalised tag when unknown.
import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { collegeSkills, orderSkills, organizations } from '../../../db/schema/index.ts'
import { refreshMatchFacts } from '../../../db/figures/order-match-facts.ts'
import { normalizeSkillTags } from './normalize.ts'
import { canonicalTags } from './repository.ts'

/**
 * The keys under which an order's or a college's skills are indexed: each tag normalised, then
 * resolved through the vocabulary's aliases, so 数控, CNC, ＣＮＣ and "cnc machining" share one key.
 * Tags the vocabulary does not know keep their normalised form. Distinct, in first-seen order.
 */
export async function skillKeys (ex: Executor, tags: readonly string[]): Promise<string[]> {
  const normalized = normalizeSkillTags(tags)
  const canonical = await canonicalTags(ex, normalized)
  return [...new Set(normalized.map((key) => canonical.get(key) ?? key))]
}

/** Rewrites the college's canonical skill keys from its specialties (call in the transaction that stores them). */
export async function syncCollegeSkills (tx: Executor, collegeId: string, specialties: readonly string[] | null | undefined): Promise<void> {
  await tx.orm.delete(collegeSkills).where(eq(collegeSkills.collegeId, collegeId)).run()
  const keys = await skillKeys(tx, specialties ?? [])
  if (keys.length > 0) await tx.orm.insert(collegeSkills).values(keys.map((skill) => ({ collegeId, skill }))).run()
}

/** Rebuilds every college's keys (after a vocabulary change at start, or after a bulk import that bypassed the API). */
export async function rebuildCollegeSkills (tx: Executor): Promise<number> {
  const colleges = await tx.orm.select({ id: organizations.id, specialties: organizations.specialties }).from(organizations)
    .where(eq(organizations.kind, 'college')).all()
  for (const c of colleges) await syncCollegeSkills(tx, c.id, c.specialties)
  return colleges.length
}

/**
 * After aliases were added, moves stored keys equal to one of them onto its canonical tag:
 * colleges are re-resolved from their specialties, order_skills rows are re-keyed in place (and those orders' matching facts rebuilt).
 */
export async function reindexSkillKeys (tx: Executor, aliases: readonly string[]): Promise<void> {
  const canonical = await canonicalTags(tx, aliases)
  const moved = [...canonical].filter(([alias, tag]) => alias !== tag).map(([alias]) => alias)
  if (moved.length === 0) return
  const colleges = await tx.orm.selectDistinct({ id: collegeSkills.collegeId }).from(collegeSkills).where(inArray(collegeSkills.skill, moved)).all()
  for (const { id } of colleges) {
    const row = await tx.orm.select({ specialties: organizations.specialties }).from(organizations).where(eq(organizations.id, id)).get()
    await syncCollegeSkills(tx, id, row?.specialties)
  }
  const orderRows = await tx.orm.select().from(orderSkills).where(inArray(orderSkills.skill, moved)).all()
  for (const r of orderRows) {
    await tx.orm.insert(orderSkills).values({ skill: canonical.get(r.skill)!, orderId: r.orderId }).onConflictDoNothing().run()
    await tx.orm.delete(orderSkills).where(and(eq(orderSkills.skill, r.skill), eq(orderSkills.orderId, r.orderId))).run()
  }
  await refreshMatchFacts(tx, orderRows.map((r) => r.orderId))
}
