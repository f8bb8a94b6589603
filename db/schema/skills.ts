// The skills vocabulary: canonical tags and their normalised Chinese and English aliases.
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import { id, createdAt } from './columns.ts'

export const skills = sqliteTable('skills', {
  id: id(),
  tag: text('tag').notNull().unique(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
  /** The skill's bit (0–62) in order_match_facts.skill_bits; null once all 63 are taken (matched by text then). */
  bit: integer('bit').unique(),
  createdAt: createdAt()
})

export const skillAliases = sqliteTable('skill_aliases', {
  alias: text('alias').primaryKey(),
  skillId: text('skill_id').notNull().references(() => skills.id)
}, (t) => [
  index('skill_aliases_skill_idx').on(t.skillId)
])
