// Skill tag normalisation and alias resolution: 数控 ≡ CNC ≡ ＣＮＣ ≡ "cnc machining" ≡ cnc-machining.
import t from 'tap'
import { buildTestApp } from '../../helper.ts'
import { normalizeSkillTag, normalizeSkillTags } from '../../../src/modules/skills/normalize.ts'
import { skillKeys } from '../../../src/modules/skills/resolve.ts'
import { SKILL_VOCABULARY, seedSkillVocabulary } from '../../../src/seed/skills.ts'

await t.test('normalisation: width, case, spaces, underscores, dashes, control characters', async (t) => {
  const cases: Array<[string, string]> = [
    ['ＣＮＣ', 'cnc'],
    ['  CNC  Machining ', 'cnc-machining'],
    ['cnc_machining', 'cnc-machining'],
    ['CNC—Machining', 'cnc-machining'],
    ['ＣＮＣ－ｍａｃｈｉｎｉｎｇ', 'cnc-machining'],
    ['数控　加工', '数控-加工'],
    ['PLC编程', 'plc编程'],
    ['--heat--treatment--', 'heat-treatment'],
    ['weld\u0000ing', 'welding'],
    ['cnc\tmachining', 'cnc-machining'],
    ['---', '']
  ]
  for (const [input, expected] of cases) t.equal(normalizeSkillTag(input), expected, JSON.stringify(input))
  t.same(normalizeSkillTags(['CNC', 'cnc', ' ', 'Welding']), ['cnc', 'welding'], 'distinct, blanks dropped, first-seen order')
})

await t.test('skillKeys resolves every spelling of a skill to its canonical tag; unknown tags keep their normalised form', async (t) => {
  const app = await buildTestApp(t)
  t.same(await skillKeys(app.data, ['数控', 'CNC', 'ＣＮＣ', 'cnc machining', 'CNC-Machining', '数控加工']), ['cnc-machining'])
  t.same(await skillKeys(app.data, ['焊接', 'Welding', 'PLC', '3D 打印', '化工操作']), ['welding', 'plc', '3d-打印', 'chemical-process'])
  t.same(await skillKeys(app.data, ['质量检测', 'QC', '装配', '铸造', '挤压', '热处理', '表面处理', '安全生产', '化验分析', '仪表', '电工', '钳工', '机器人']),
    ['quality-inspection', 'assembly', 'casting', 'extrusion', 'heat-treatment', 'surface-treatment', 'safety', 'laboratory-analysis', 'instrumentation', 'electrician', 'fitter', 'industrial-robotics'])
  t.same(await skillKeys(app.data, []), [])
})

await t.test('the seeded vocabulary: every alias resolves to its own skill, and seeding again adds nothing', async (t) => {
  const app = await buildTestApp(t)
  t.ok(SKILL_VOCABULARY.length >= 30, 'a few dozen skills')
  for (const skill of SKILL_VOCABULARY) {
    t.same(await skillKeys(app.data, [skill.tag, skill.nameZh, ...skill.aliases]), [skill.tag], skill.tag)
  }
  const again = await app.data.write((tx) => seedSkillVocabulary(tx, app.testClock.now()))
  t.same(again, [], 'idempotent')
  const aliasCount = (await app.data.get<{ n: number }>('select count(*) as n from skill_aliases'))!.n
  t.ok(aliasCount > SKILL_VOCABULARY.length * 3, 'Chinese and English aliases for each')
})
