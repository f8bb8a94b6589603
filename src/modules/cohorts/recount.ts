// Recomputes roster counters from trainee rows: for bulk loads that insert trainees directly, and for repair.
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.ts'

/** Sets every cohort's enrolled/completed/dropped/hired counters from its trainees (completed includes hired). */
export function recountRosters (tx: DbOrTx): void {
  tx.run(sql`
    update cohorts set
      enrolled_count = (select count(*) from trainees t where t.cohort_id = cohorts.id),
      completed_count = (select count(*) from trainees t where t.cohort_id = cohorts.id and t.status in ('completed', 'hired')),
      dropped_count = (select count(*) from trainees t where t.cohort_id = cohorts.id and t.status = 'dropped'),
      hired_count = (select count(*) from trainees t where t.cohort_id = cohorts.id and t.status = 'hired')`)
}
