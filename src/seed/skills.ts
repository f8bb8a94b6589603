// The seeded skills vocabulary: canonical tags for the three founding alliances with Chinese and English aliases.
import type { Executor } from '../../db/executor.ts'
import { insertSkill, addAliases, findSkillByTag, aliasOwner } from '../modules/skills/repository.ts'
import { normalizeSkillTag } from '../modules/skills/normalize.ts'
import { rebuildCollegeSkills, reindexSkillKeys } from '../modules/skills/resolve.ts'

/** Seeds the vocabulary and, when that added anything, re-resolves the keys already stored under the new aliases. */
export async function seedSkills (tx: Executor, at: Date): Promise<void> {
  const added = await seedSkillVocabulary(tx, at)
  if (added.length === 0) return
  await rebuildCollegeSkills(tx)
  await reindexSkillKeys(tx, added)
}

export type SkillSeed = { tag: string, nameEn: string, nameZh: string, aliases: readonly string[] }

export const SKILL_VOCABULARY: readonly SkillSeed[] = [
  // Equipment manufacturing and auto parts
  { tag: 'cnc-machining', nameEn: 'CNC machining', nameZh: '数控加工', aliases: ['数控', 'CNC', '数控加工', '数控机床', 'cnc-operation'] },
  { tag: 'turning', nameEn: 'Turning (lathe)', nameZh: '车工', aliases: ['车工', '车削', 'lathe'] },
  { tag: 'milling', nameEn: 'Milling', nameZh: '铣工', aliases: ['铣工', '铣削'] },
  { tag: 'welding', nameEn: 'Welding', nameZh: '焊接', aliases: ['焊接', '焊工', '电焊', 'welder'] },
  { tag: 'tig-welding', nameEn: 'TIG welding', nameZh: '氩弧焊', aliases: ['氩弧焊', 'TIG', 'gtaw'] },
  { tag: 'assembly', nameEn: 'Assembly', nameZh: '装配', aliases: ['装配', '机械装配', '装调', 'mechanical-assembly'] },
  { tag: 'fitter', nameEn: 'Fitter (bench work)', nameZh: '钳工', aliases: ['钳工', '机修钳工', 'bench-work'] },
  { tag: 'quality-inspection', nameEn: 'Quality inspection', nameZh: '质量检测', aliases: ['质量检测', '质检', '质量检验', 'quality-control', 'QC'] },
  { tag: 'metrology', nameEn: 'Precision measurement', nameZh: '精密测量', aliases: ['精密测量', '三坐标', 'CMM', 'measurement'] },
  { tag: 'technical-drawing', nameEn: 'Technical drawing and CAD', nameZh: '机械制图', aliases: ['机械制图', '制图', 'CAD', 'AutoCAD', 'drafting'] },
  { tag: 'plc', nameEn: 'PLC programming', nameZh: 'PLC编程', aliases: ['PLC编程', 'plc-programming', '可编程控制器', '电气控制', 'electrical-control'] },
  { tag: 'electrician', nameEn: 'Electrician', nameZh: '电工', aliases: ['电工', '维修电工', 'electrical-maintenance'] },
  { tag: 'industrial-robotics', nameEn: 'Industrial robotics', nameZh: '工业机器人', aliases: ['工业机器人', '机器人', 'robotics', 'industrial-robot', 'robot-programming'] },
  { tag: 'mold-making', nameEn: 'Die and mould making', nameZh: '模具制造', aliases: ['模具', '模具制造', 'mould-making', 'die-making'] },
  { tag: 'automotive-electronics', nameEn: 'Automotive electronics', nameZh: '汽车电子', aliases: ['汽车电子', 'auto-electronics'] },
  { tag: 'equipment-maintenance', nameEn: 'Equipment maintenance', nameZh: '设备维护', aliases: ['设备维护', '设备维修', 'mechanical-maintenance', 'maintenance'] },
  { tag: 'painting', nameEn: 'Industrial painting', nameZh: '涂装', aliases: ['涂装', '喷涂', 'spray-painting'] },
  { tag: 'lean-production', nameEn: 'Lean production', nameZh: '精益生产', aliases: ['精益生产', '精益', 'lean', '5s'] },
  // Aromatics and fine chemicals
  { tag: 'chemical-process', nameEn: 'Chemical process operation', nameZh: '化工操作', aliases: ['化工操作', '化工工艺', '化工总控', 'chemical-process-operation', 'chemical-operation'] },
  { tag: 'dcs-operation', nameEn: 'DCS control room operation', nameZh: 'DCS操作', aliases: ['DCS', 'DCS操作', '中控操作'] },
  { tag: 'laboratory-analysis', nameEn: 'Laboratory analysis', nameZh: '化验分析', aliases: ['化验分析', '化验', '化学分析', '分析检验', 'lab-analysis', 'chemical-analysis'] },
  { tag: 'instrumentation', nameEn: 'Instrumentation', nameZh: '仪表', aliases: ['仪表', '化工仪表', '仪器仪表', 'instrument-maintenance'] },
  { tag: 'safety', nameEn: 'Work safety', nameZh: '安全生产', aliases: ['安全生产', '安全', 'production-safety', 'work-safety', 'HSE'] },
  { tag: 'hazardous-chemicals', nameEn: 'Hazardous chemicals handling', nameZh: '危险化学品', aliases: ['危险化学品', '危化品', 'hazmat'] },
  { tag: 'distillation', nameEn: 'Distillation', nameZh: '精馏', aliases: ['精馏', '蒸馏'] },
  { tag: 'environmental-protection', nameEn: 'Environmental protection', nameZh: '环保', aliases: ['环保', '三废处理', 'wastewater-treatment'] },
  // Aluminum alloy deep processing
  { tag: 'casting', nameEn: 'Casting', nameZh: '铸造', aliases: ['铸造', '熔铸', 'melting-and-casting', 'foundry'] },
  { tag: 'die-casting', nameEn: 'Die casting', nameZh: '压铸', aliases: ['压铸'] },
  { tag: 'extrusion', nameEn: 'Extrusion', nameZh: '挤压', aliases: ['挤压', '挤压成型', 'aluminum-extrusion'] },
  { tag: 'rolling', nameEn: 'Rolling', nameZh: '轧制', aliases: ['轧制', '轧钢'] },
  { tag: 'heat-treatment', nameEn: 'Heat treatment', nameZh: '热处理', aliases: ['热处理'] },
  { tag: 'surface-treatment', nameEn: 'Surface treatment', nameZh: '表面处理', aliases: ['表面处理', 'surface-finishing'] },
  { tag: 'anodizing', nameEn: 'Anodizing', nameZh: '阳极氧化', aliases: ['阳极氧化', 'anodising'] },
  { tag: 'forklift', nameEn: 'Forklift operation', nameZh: '叉车', aliases: ['叉车', '叉车操作'] }
]

/**
 * Inserts the skills and aliases that are missing (idempotent: an alias the admin mapped elsewhere stays there).
 * Returns the aliases it added, so the caller re-resolves stored keys only when something changed.
 */
export async function seedSkillVocabulary (tx: Executor, at: Date): Promise<string[]> {
  const added: string[] = []
  for (const seed of SKILL_VOCABULARY) {
    let skill = await findSkillByTag(tx, seed.tag)
    if (!skill) {
      skill = await insertSkill(tx, { tag: seed.tag, nameEn: seed.nameEn, nameZh: seed.nameZh }, at)
      added.push(seed.tag)
    }
    const free: string[] = []
    for (const alias of [seed.tag, ...seed.aliases].map(normalizeSkillTag)) {
      if (await aliasOwner(tx, alias) === undefined) free.push(alias)
    }
    added.push(...await addAliases(tx, skill.id, free))
  }
  return added
}
