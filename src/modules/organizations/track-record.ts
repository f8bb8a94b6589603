// An organization's track record: one primary-key read of the running totals the cohort and order writers keep.
import { eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { collegeRecords, enterpriseRecords } from '../../../db/schema/index.ts'
import type { CollegeTrackRecordDto, EnterpriseTrackRecordDto } from '../../../schemas/track-records.ts'
import { rate } from '../../lib/ratio.ts'

/** Totals over the enterprise's awarded orders whose cohorts have all ended (enterprise_records; zeros before the first). */
export async function enterpriseTrackRecord (ex: Executor, enterpriseId: string): Promise<EnterpriseTrackRecordDto> {
  const row = await ex.orm.select().from(enterpriseRecords).where(eq(enterpriseRecords.enterpriseId, enterpriseId)).get()
  const ordersAwarded = row?.ordersAwarded ?? 0
  const promised = row?.promised ?? 0
  const hired = row?.hired ?? 0
  return { ordersAwarded, promised, hired, promiseKeptRate: rate(hired, promised) }
}

/** Totals over the college's completed cohorts (college_records; zeros before the first). */
export async function collegeTrackRecord (ex: Executor, collegeId: string): Promise<CollegeTrackRecordDto> {
  const row = await ex.orm.select().from(collegeRecords).where(eq(collegeRecords.collegeId, collegeId)).get()
  const enrolled = row?.traineesEnrolled ?? 0
  const completed = row?.traineesCompleted ?? 0
  const hired = row?.traineesHired ?? 0
  return {
    cohortsCompleted: row?.cohortsCompleted ?? 0,
    enrolled,
    completed,
    hired,
    completionRate: rate(completed, enrolled),
    hireRate: rate(hired, completed)
  }
}

export const trackRecordOf = (ex: Executor, organization: { id: string, kind: 'enterprise' | 'college' }) =>
  organization.kind === 'enterprise' ? enterpriseTrackRecord(ex, organization.id) : collegeTrackRecord(ex, organization.id)
