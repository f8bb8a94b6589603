// TypeBox schemas for the skills vocabulary: canonical tags with Chinese and English aliases.
import { Type, type Static } from 'typebox'
import { skillExample } from './examples.ts'
import { Instant, Name, SkillTag, PageOf, PageQuery } from './common.ts'

export const CanonicalTag = Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Canonical key: lower-case ASCII words joined by hyphens', examples: ['cnc-machining'] })

export const Skill = Type.Object({
  tag: CanonicalTag,
  nameEn: Name,
  nameZh: Name,
  aliases: Type.Array(SkillTag, { maxItems: 500, description: 'Normalised aliases (NFKC, lower case, hyphens) that resolve to this tag, the tag itself included' }),
  createdAt: Instant
}, { $id: 'Skill' })
export type SkillDto = Static<typeof Skill>

export const SkillList = PageOf(Type.Ref('Skill'))
export const SkillListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

export const CreateSkillBody = Type.Object({
  tag: CanonicalTag,
  nameEn: Type.Optional(Name),
  nameZh: Type.Optional(Name),
  aliases: Type.Optional(Type.Array(SkillTag, { maxItems: 50, description: 'Chinese or English names; stored normalised' }))
}, {
  additionalProperties: false,
  examples: [skillExample],
  description: 'A new tag needs nameEn and nameZh (201). For an existing tag, send only aliases to add them (200). A tag or alias already in the vocabulary is a 409.'
})
export type CreateSkillInput = Static<typeof CreateSkillBody>
