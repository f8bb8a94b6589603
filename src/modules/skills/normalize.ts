// Skill tag normalisation: full-width to half-width (NFKC), no control characters, lower case, spaces/underscores/dashes to hyphens.
export function normalizeSkillTag (tag: string): string {
  return tag.normalize('NFKC').toLowerCase()
    .replace(/[\s_·・‐‑‒–—―−]+/g, '-')
    .replace(/\p{Cc}/gu, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
}

/** Distinct normalised keys of a list of tags, in first-seen order. */
export function normalizeSkillTags (tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeSkillTag).filter((t) => t.length > 0))]
}
