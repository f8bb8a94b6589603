// Recomputes roster counters from trainee rows: for bulk loads that insert trainees directly, and for repair.
import type { Executor } from '../../../db/executor.ts'
import { rebuildCollegeRecords } from '../../../db/figures/college-figures.ts'
import { rebuildEnterpriseRecords } from '../../../db/figures/enterprise-figures.ts'

const COPY_ORDER_FACTS = `
  update cohorts set
    order_published_at = (select o.published_at from orders o where o.id = cohorts.order_id),
    occupation = (select o.occupation from orders o where o.id = cohorts.order_id)`

const COUNT_TRAINEES = `
  update cohorts set
    enrolled_count = (select count(*) from trainees t where t.cohort_id = cohorts.id),
    completed_count = (select count(*) from trainees t where t.cohort_id = cohorts.id and t.status in ('completed', 'hired')),
    dropped_count = (select count(*) from trainees t where t.cohort_id = cohorts.id and t.status = 'dropped'),
    hired_count = (select count(*) from trainees t where t.cohort_id = cohorts.id and t.status = 'hired')`

/**
 * Sets every cohort's enrolled/completed/dropped/hired counters from its trainees (completed includes hired),
 * and the order facts copied onto it (publication time, occupation), then the colleges' and enterprises' records from the
 * new counters. Run it in one transaction.
 */
export async function recountRosters (tx: Executor): Promise<void> {
  await tx.run(COPY_ORDER_FACTS)
  await tx.run(COUNT_TRAINEES)
  await rebuildCollegeRecords(tx)
  await rebuildEnterpriseRecords(tx)
}
