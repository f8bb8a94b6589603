// The skills module's public surface: what other modules may use.
export { normalizeSkillTag } from './normalize.ts'
export { canonicalTags, skillSpellings } from './repository.ts'
export { skillKeys, syncCollegeSkills } from './resolve.ts'
