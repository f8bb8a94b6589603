// Vocabulary changes: a new canonical skill or new aliases, checked and applied in one transaction with the re-keying they cause.
import type { DataLayer } from '../../../db/executor.ts'
import type { CreateSkillInput } from '../../../schemas/skills.ts'
import { conflict, ruleViolation } from '../../lib/problems.ts'
import { normalizeSkillTag } from './normalize.ts'
import { addAliases, aliasOwner, findSkillByTag, insertSkill, withAliases, type SkillView } from './repository.ts'
import { reindexSkillKeys } from './resolve.ts'

/** Normalised, distinct aliases of the request, without the tag itself; 422 for one that normalises to nothing. */
function requestedAliases (input: CreateSkillInput): string[] {
  const aliases = input.aliases ?? []
  const blank = aliases.findIndex((a) => normalizeSkillTag(a).length === 0)
  if (blank >= 0) throw ruleViolation('an alias has no letters or digits', 'alias_empty', [{ path: `/aliases/${blank}`, message: 'empty after normalisation' }])
  return [...new Set(aliases.map(normalizeSkillTag))].filter((a) => a !== input.tag)
}

/**
 * Creates the skill (when the tag is new: nameEn and nameZh required) or adds aliases to it (when it exists:
 * names absent). A tag or alias that already resolves to a skill is a 409. Stored keys move to the canonical tag.
 */
export async function addToVocabulary (data: DataLayer, input: CreateSkillInput, at: Date): Promise<{ created: boolean, skill: SkillView }> {
  const aliases = requestedAliases(input)
  return await data.write(async (tx) => {
    const existing = await findSkillByTag(tx, input.tag)
    if (existing && (input.nameEn !== undefined || input.nameZh !== undefined)) throw conflict(`skill ${input.tag} already exists; send only aliases to extend it`, 'duplicate_skill')
    if (existing && aliases.length === 0) throw conflict(`skill ${input.tag} already exists`, 'duplicate_skill')
    if (!existing) {
      const missing = (['nameEn', 'nameZh'] as const).filter((k) => input[k] === undefined)
      if (missing.length > 0) throw ruleViolation('a new skill needs nameEn and nameZh', 'skill_names_required', missing.map((k) => ({ path: `/${k}`, message: 'required for a new tag' })))
      if (await aliasOwner(tx, input.tag) !== undefined) throw conflict(`${input.tag} is already an alias of another skill`, 'duplicate_alias')
    }
    const taken: string[] = []
    for (const alias of aliases) if (await aliasOwner(tx, alias) !== undefined) taken.push(alias)
    if (taken.length > 0) throw conflict(`already in the vocabulary: ${taken.join(', ')}`, 'duplicate_alias')
    const skill = existing ?? await insertSkill(tx, { tag: input.tag, nameEn: input.nameEn!, nameZh: input.nameZh! }, at)
    // An alias another request added meanwhile (another process) is not inserted twice: that request owns it.
    const added = await addAliases(tx, skill.id, aliases)
    if (added.length < aliases.length) throw conflict(`already in the vocabulary: ${aliases.filter((a) => !added.includes(a)).join(', ')}`, 'duplicate_alias')
    await reindexSkillKeys(tx, existing ? aliases : [input.tag, ...aliases])
    return { created: !existing, skill: (await withAliases(tx, [skill]))[0]! }
  })
}
