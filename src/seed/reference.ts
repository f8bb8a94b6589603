// Reference data every database gets: the three founding alliances and the skills vocabulary (idempotent).
import type { Database } from '../../db/client.ts'
import { alliances } from '../../db/schema/index.ts'
import { newId } from '../lib/ids.ts'
import { seedSkills } from './skills.ts'

export const FOUNDING_ALLIANCES = [
  { code: 'equipment', name: 'Equipment Manufacturing and Auto Parts Alliance', nameZh: '装备制造及汽车零部件', description: 'Machining, welding, assembly and quality control for equipment makers and auto-parts suppliers.' },
  { code: 'petrochemical', name: 'Aromatics and Fine Chemicals Alliance', nameZh: '芳烃及精细化工', description: 'Process operation, safety and laboratory skills for aromatics and fine-chemical plants.' },
  { code: 'aluminum', name: 'Aluminum Alloy Deep Processing Alliance', nameZh: '铝合金精深加工', description: 'Casting, extrusion, heat treatment and surface finishing of aluminum alloys.' }
] as const

export function seedReferenceData (db: Database, at: Date): void {
  db.transaction((tx) => {
    for (const alliance of FOUNDING_ALLIANCES) {
      tx.insert(alliances).values({ id: newId(at.getTime()), ...alliance, createdAt: at.toISOString() })
        .onConflictDoNothing({ target: alliances.code }).run()
    }
    seedSkills(tx, at)
  }, { behavior: 'immediate' })
}
