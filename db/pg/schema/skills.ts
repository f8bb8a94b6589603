// PostgreSQL tables for the skills vocabulary: canonical tags and their normalised aliases.
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core'
import { id, createdAt } from './columns.ts'

export const skills = pgTable('skills', {
  id: id(),
  tag: text('tag').notNull().unique(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
  /** The skill's bit (0–62) in order_match_facts.skill_bits; null once all 63 are taken. */
  bit: integer('bit').unique(),
  createdAt: createdAt()
})

export const skillAliases = pgTable('skill_aliases', {
  alias: text('alias').primaryKey(),
  skillId: text('skill_id').notNull().references(() => skills.id)
}, (t) => [
  index('skill_aliases_skill_idx').on(t.skillId)
])
