// Reference data every database gets: the three founding alliances and the skills vocabulary (idempotent).
import type { DataLayer } from '../../db/executor.ts'
import { newId } from '../lib/ids.ts'
import { seedSkills } from './skills.ts'

export const FOUNDING_ALLIANCES = [
  { code: 'equipment', name: 'Equipment Manufacturing and Auto Parts Alliance', nameZh: '装备制造及汽车零部件', description: 'Machining, welding, assembly and quality control for equipment makers and auto-parts suppliers.' },
  { code: 'petrochemical', name: 'Aromatics and Fine Chemicals Alliance', nameZh: '芳烃及精细化工', description: 'Process operation, safety and laboratory skills for aromatics and fine-chemical plants.' },
  { code: 'aluminum', name: 'Aluminum Alloy Deep Processing Alliance', nameZh: '铝合金精深加工', description: 'Casting, extrusion, heat treatment and surface finishing of aluminum alloys.' }
] as const

// Raw SQL: drizzle's SQLite builder qualifies the conflict target ("alliances"."code"), which PostgreSQL rejects.
const INSERT_ALLIANCE = `insert into alliances (id, code, name, name_zh, description, created_at)
  values (@id, @code, @name, @nameZh, @description, @createdAt) on conflict (code) do nothing`

export async function seedReferenceData (data: DataLayer, at: Date): Promise<void> {
  await data.write(async (tx) => {
    for (const alliance of FOUNDING_ALLIANCES) {
      await tx.run(INSERT_ALLIANCE, { id: newId(at.getTime()), ...alliance, createdAt: at.toISOString() })
    }
    await seedSkills(tx, at)
  })
}
