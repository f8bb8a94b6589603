// Skills vocabulary queries: canonical skills, their normalised aliases, and the vocabulary page.
import { asc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { skills, skillAliases } from '../../../db/schema/index.ts'
import { refreshMatchFactsOfSkill } from '../../../db/figures/order-match-facts.ts'
import { newId } from '../../lib/ids.ts'

export type SkillRow = typeof skills.$inferSelect
export type SkillView = { tag: string, nameEn: string, nameZh: string, aliases: string[], createdAt: string }

export const findSkillByTag = async (ex: Executor, tag: string): Promise<SkillRow | undefined> =>
  await ex.orm.select().from(skills).where(eq(skills.tag, tag)).get()

/** The id of the skill an alias (already normalised) resolves to, if any. */
export const aliasOwner = async (ex: Executor, alias: string): Promise<string | undefined> =>
  (await ex.orm.select({ skillId: skillAliases.skillId }).from(skillAliases).where(eq(skillAliases.alias, alias)).get())?.skillId

/** Bits 0–62 of order_match_facts.skill_bits go to the first 63 skills; later ones match by text. */
export const MAX_SKILL_BIT = 62

/**
 * Inserts a canonical skill with the next free bit; its own tag becomes its first alias. Orders already
 * indexed under the tag (typed before it was canonical) get the new bit.
 */
export async function insertSkill (tx: Executor, input: { tag: string, nameEn: string, nameZh: string }, at: Date): Promise<SkillRow> {
  const next = ((await tx.orm.select({ max: sql<number | null>`max(${skills.bit})` }).from(skills).get())?.max ?? -1) + 1
  const bit = next <= MAX_SKILL_BIT ? next : null
  const row: SkillRow = { id: newId(at.getTime()), tag: input.tag, nameEn: input.nameEn.trim(), nameZh: input.nameZh.trim(), bit, createdAt: at.toISOString() }
  await tx.orm.insert(skills).values(row).run()
  await tx.orm.insert(skillAliases).values({ alias: input.tag, skillId: row.id }).run()
  if (bit !== null) await refreshMatchFactsOfSkill(tx, input.tag)
  return row
}

/** Maps normalised aliases to the skill, skipping ones it already has; returns the aliases added. */
export async function addAliases (tx: Executor, skillId: string, aliases: readonly string[]): Promise<string[]> {
  const added: string[] = []
  for (const alias of new Set(aliases)) {
    if (alias.length === 0) continue
    const inserted = await tx.orm.insert(skillAliases).values({ alias, skillId }).onConflictDoNothing().returning({ alias: skillAliases.alias })
    if (inserted.length > 0) added.push(alias)
  }
  return added
}

/** Every alias (its tag among them) of the skill that the normalised `alias` resolves to; none for a key outside the vocabulary. */
export async function skillSpellings (ex: Executor, alias: string): Promise<string[]> {
  const rows = await ex.all<{ alias: string }>(
    'select b.alias as "alias" from skill_aliases a join skill_aliases b on b.skill_id = a.skill_id where a.alias = ? order by b.alias',
    [alias])
  return rows.map((r) => r.alias)
}

/** Canonical tags for normalised keys that are known aliases. */
export async function canonicalTags (ex: Executor, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map()
  // A raw text (every order write resolves its skills): drizzle's builder costs more than the lookup.
  const rows = await ex.all<{ alias: string, tag: string }>(
    `select a.alias as "alias", s.tag as "tag" from skill_aliases a join skills s on s.id = a.skill_id where a.alias in (${keys.map(() => '?').join(', ')})`,
    [...keys])
  return new Map(rows.map((r) => [r.alias, r.tag]))
}

/** Skills with their aliases, by tag, after `afterTag`; `limit + 1` rows so the caller can page. */
export async function listSkills (ex: Executor, afterTag: string | undefined, limit: number): Promise<SkillView[]> {
  const rows = await ex.orm.select().from(skills).where(afterTag === undefined ? undefined : gt(skills.tag, afterTag))
    .orderBy(asc(skills.tag)).limit(limit + 1).all()
  return await withAliases(ex, rows)
}

export async function withAliases (ex: Executor, rows: SkillRow[]): Promise<SkillView[]> {
  if (rows.length === 0) return []
  const aliasRows = await ex.orm.select().from(skillAliases).where(inArray(skillAliases.skillId, rows.map((r) => r.id)))
    .orderBy(asc(skillAliases.alias)).all()
  const bySkill = new Map<string, string[]>()
  for (const a of aliasRows) bySkill.set(a.skillId, [...(bySkill.get(a.skillId) ?? []), a.alias])
  return rows.map((r) => ({ tag: r.tag, nameEn: r.nameEn, nameZh: r.nameZh, aliases: bySkill.get(r.id) ?? [], createdAt: r.createdAt }))
}
