// Recomputes roster counters from trainee rows: for bulk loads that insert trainees directly, and for repair.
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.ts'

/**
 * Sets every cohort's enrolled/completed/dropped/hired counters from its trainees (completed includes hired),
 * and the order facts copied onto it (publication time, occupation).
 */
export function recountRosters (tx: DbOrTx): void {
  tx.run(sql`
    update cohorts set
      order_published_at = (select o.published_at from orders o where o.id = cohorts.order_id),
      occupation = (select o.occupation from orders o where o.id = cohorts.order_id)`)
  tx.run(sql`
    update cohorts set
      enrolled_count = (select count(*) from trainees t where t.cohort_id = cohorts.id),
      completed_count = (select count(*) from trainees t where t.cohort_id = cohorts.id and t.status in ('completed', 'hired')),
      dropped_count = (select count(*) from trainees t where t.cohort_id = cohorts.id and t.status = 'dropped'),
      hired_count = (select count(*) from trainees t where t.cohort_id = cohorts.id and t.status = 'hired')`)
}
