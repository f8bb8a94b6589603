// Curriculum arithmetic shared by the bid form and the comparison: hours by kind, totals, certificates.
import type { CurriculumModule } from '../types.ts'

export const KINDS = ['theory', 'practice', 'internship'] as const

export function hoursByKind (modules: CurriculumModule[]): Record<(typeof KINDS)[number], number> {
  const out = { theory: 0, practice: 0, internship: 0 }
  for (const m of modules) out[m.kind] += Number(m.hours) || 0
  return out
}

export const totalHours = (modules: CurriculumModule[]) => modules.reduce((sum, m) => sum + (Number(m.hours) || 0), 0)

export const certificates = (modules: CurriculumModule[]) =>
  [...new Set(modules.map((m) => m.certificate).filter((c): c is string => !!c))]
