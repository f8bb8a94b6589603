// Consistency of the derived figures: each one recomputed from its base tables and compared with what is stored; repair rewrites the differences.
import type { Executor } from '../executor.ts'
import { buildCommitment, commitmentSources, rebuildCollegeRecords, syncCommitments, type CommitmentRow } from './college-figures.ts'
import { ENDED_AWARDED_ORDERS_SQL, EXPECTED_ENTERPRISE_RECORDS_SQL, rebuildEnterpriseRecords } from './enterprise-figures.ts'
import { expectedMatchFacts, rebuildMatchFacts, refreshMatchFacts, type MatchFactsRow } from './order-match-facts.ts'

export type Figure = 'order_match_facts' | 'college_commitments' | 'college_records' | 'enterprise_records'

/** One row that differs: stored without a reason (extra), missing, or with other values. */
export type FigureMismatch = { figure: Figure, key: string, kind: 'missing' | 'extra' | 'different', expected?: unknown, stored?: unknown }

export type FiguresReport = { checked: Record<Figure, number>, mismatches: FigureMismatch[] }

const PAGE = 1000

type StoredFacts = Omit<MatchFactsRow, 'skillBits'> & { skillBits: string }

const STORED_FACTS_SQL = (n: number) => `select order_id as "orderId", alliance_id as "allianceId", enterprise_id as "enterpriseId", status, bid_deadline as "bidDeadline",
  deadline_day as "deadlineDay", headcount, training_start as "trainingStart", training_end as "trainingEnd", key_count as "keyCount", keys,
  cast(skill_bits as text) as "skillBits"
  from order_match_facts where order_id in (${Array.from({ length: n }, () => '?').join(', ')})`

const sameFacts = (expected: MatchFactsRow, stored: StoredFacts) =>
  (Object.keys(expected) as Array<keyof MatchFactsRow>).every((k) => k === 'skillBits' ? expected.skillBits.toString() === stored.skillBits : expected[k] === stored[k])

/** order_match_facts against orders, order_skills and the skills' bits, a page of orders at a time. */
export async function checkOrderMatchFacts (ex: Executor): Promise<{ checked: number, mismatches: FigureMismatch[] }> {
  const mismatches: FigureMismatch[] = []
  let checked = 0
  let after = ''
  for (;;) {
    const ids = (await ex.all<{ id: string }>('select id from orders where id > ? order by id limit ?', [after, PAGE])).map((r) => r.id)
    if (ids.length === 0) break
    after = ids[ids.length - 1]!
    checked += ids.length
    const { rows } = await expectedMatchFacts(ex, ids)
    const stored = new Map((await ex.all<StoredFacts>(STORED_FACTS_SQL(ids.length), ids)).map((r) => [r.orderId, { ...r, deadlineDay: Number(r.deadlineDay) }]))
    for (const row of rows) {
      const found = stored.get(row.orderId)
      if (!found) mismatches.push({ figure: 'order_match_facts', key: row.orderId, kind: 'missing', expected: { ...row, skillBits: row.skillBits.toString() } })
      else if (!sameFacts(row, found)) mismatches.push({ figure: 'order_match_facts', key: row.orderId, kind: 'different', expected: { ...row, skillBits: row.skillBits.toString() }, stored: found })
    }
  }
  const orphans = await ex.all<{ orderId: string }>(`select f.order_id as "orderId" from order_match_facts f
    where not exists (select 1 from orders o where o.id = f.order_id) order by f.order_id`)
  for (const o of orphans) mismatches.push({ figure: 'order_match_facts', key: o.orderId, kind: 'extra' })
  return { checked, mismatches }
}

const sameCommitment = (a: CommitmentRow, b: CommitmentRow) =>
  a.collegeId === b.collegeId && a.seats === b.seats && a.startDate === b.startDate && a.endDate === b.endDate

/** college_commitments against the planned and in-training cohorts. */
export async function checkCollegeCommitments (ex: Executor): Promise<{ checked: number, mismatches: FigureMismatch[] }> {
  const ids = (await ex.all<{ id: string }>("select id from cohorts where status in ('planned', 'in_training') order by id")).map((r) => r.id)
  const expected = new Map((await commitmentSources(ex, ids)).flatMap((c) => {
    const row = buildCommitment(c)
    return row ? [[row.cohortId, row] as const] : []
  }))
  const stored = await ex.all<CommitmentRow>(`select cohort_id as "cohortId", college_id as "collegeId", seats, start_date as "startDate",
    end_date as "endDate" from college_commitments order by cohort_id`)
  const mismatches: FigureMismatch[] = []
  for (const row of stored) {
    const want = expected.get(row.cohortId)
    if (!want) mismatches.push({ figure: 'college_commitments', key: row.cohortId, kind: 'extra', stored: row })
    else if (!sameCommitment(want, row)) mismatches.push({ figure: 'college_commitments', key: row.cohortId, kind: 'different', expected: want, stored: row })
    expected.delete(row.cohortId)
  }
  for (const want of expected.values()) mismatches.push({ figure: 'college_commitments', key: want.cohortId, kind: 'missing', expected: want })
  return { checked: stored.length + expected.size, mismatches }
}

type RecordRow = { collegeId: string, cohortsCompleted: number, traineesEnrolled: number, traineesCompleted: number, traineesHired: number }

const RECORD_COLUMNS = ['cohortsCompleted', 'traineesEnrolled', 'traineesCompleted', 'traineesHired'] as const

const EXPECTED_RECORDS_SQL = `select college_id as "collegeId", count(*) as "cohortsCompleted", sum(enrolled_count) as "traineesEnrolled",
  sum(completed_count) as "traineesCompleted", sum(hired_count) as "traineesHired"
  from cohorts where status = 'completed' group by college_id order by college_id`

const STORED_RECORDS_SQL = `select college_id as "collegeId", cohorts_completed as "cohortsCompleted", trainees_enrolled as "traineesEnrolled",
  trainees_completed as "traineesCompleted", trainees_hired as "traineesHired" from college_records order by college_id`

/** college_records against the completed cohorts' roster counters. */
export async function checkCollegeRecords (ex: Executor): Promise<{ checked: number, mismatches: FigureMismatch[] }> {
  const numbers = (r: RecordRow): RecordRow => ({ collegeId: r.collegeId, ...Object.fromEntries(RECORD_COLUMNS.map((k) => [k, Number(r[k])])) } as RecordRow)
  const expected = new Map((await ex.all<RecordRow>(EXPECTED_RECORDS_SQL)).map((r) => [r.collegeId, numbers(r)]))
  const stored = (await ex.all<RecordRow>(STORED_RECORDS_SQL)).map(numbers)
  const mismatches: FigureMismatch[] = []
  for (const row of stored) {
    const want = expected.get(row.collegeId)
    if (!want) mismatches.push({ figure: 'college_records', key: row.collegeId, kind: 'extra', stored: row })
    else if (RECORD_COLUMNS.some((k) => want[k] !== row[k])) mismatches.push({ figure: 'college_records', key: row.collegeId, kind: 'different', expected: want, stored: row })
    expected.delete(row.collegeId)
  }
  for (const want of expected.values()) mismatches.push({ figure: 'college_records', key: want.collegeId, kind: 'missing', expected: want })
  return { checked: stored.length + expected.size, mismatches }
}

type EnterpriseRecordRow = { enterpriseId: string, ordersAwarded: number, promised: number, hired: number }

const STORED_ENTERPRISE_RECORDS_SQL = `select enterprise_id as "enterpriseId", orders_awarded as "ordersAwarded", promised, hired
  from enterprise_records order by enterprise_id`

/** enterprise_records against the awarded orders whose cohorts have all ended, and enterprise_record_orders against that set. */
export async function checkEnterpriseRecords (ex: Executor): Promise<{ checked: number, mismatches: FigureMismatch[] }> {
  const numbers = (r: EnterpriseRecordRow): EnterpriseRecordRow =>
    ({ enterpriseId: r.enterpriseId, ordersAwarded: Number(r.ordersAwarded), promised: Number(r.promised), hired: Number(r.hired) })
  const expected = new Map((await ex.all<EnterpriseRecordRow>(EXPECTED_ENTERPRISE_RECORDS_SQL)).map((r) => [r.enterpriseId, numbers(r)]))
  const stored = (await ex.all<EnterpriseRecordRow>(STORED_ENTERPRISE_RECORDS_SQL)).map(numbers)
  const mismatches: FigureMismatch[] = []
  for (const row of stored) {
    const want = expected.get(row.enterpriseId) ?? { enterpriseId: row.enterpriseId, ordersAwarded: 0, promised: 0, hired: 0 }
    if (want.ordersAwarded !== row.ordersAwarded || want.promised !== row.promised || want.hired !== row.hired) {
      mismatches.push({ figure: 'enterprise_records', key: row.enterpriseId, kind: expected.has(row.enterpriseId) ? 'different' : 'extra', expected: want, stored: row })
    }
    expected.delete(row.enterpriseId)
  }
  for (const want of expected.values()) mismatches.push({ figure: 'enterprise_records', key: want.enterpriseId, kind: 'missing', expected: want })
  const counted = new Set((await ex.all<{ orderId: string }>('select order_id as "orderId" from enterprise_record_orders')).map((r) => r.orderId))
  const ended = (await ex.all<{ orderId: string }>(ENDED_AWARDED_ORDERS_SQL)).map((r) => r.orderId)
  for (const id of ended) if (!counted.delete(id)) mismatches.push({ figure: 'enterprise_records', key: id, kind: 'missing' })
  for (const id of counted) mismatches.push({ figure: 'enterprise_records', key: id, kind: 'extra' })
  return { checked: stored.length + expected.size, mismatches }
}

/** Every figure checked; no mismatches means the stored figures are what the base tables give. */
export async function checkFigures (ex: Executor): Promise<FiguresReport> {
  const facts = await checkOrderMatchFacts(ex)
  const commitments = await checkCollegeCommitments(ex)
  const records = await checkCollegeRecords(ex)
  const enterprises = await checkEnterpriseRecords(ex)
  return {
    checked: {
      order_match_facts: facts.checked,
      college_commitments: commitments.checked,
      college_records: records.checked,
      enterprise_records: enterprises.checked
    },
    mismatches: [...facts.mismatches, ...commitments.mismatches, ...records.mismatches, ...enterprises.mismatches]
  }
}

const SET_RECORD = `insert into college_records (college_id, cohorts_completed, trainees_enrolled, trainees_completed, trainees_hired)
  values (@collegeId, @cohortsCompleted, @traineesEnrolled, @traineesCompleted, @traineesHired)
  on conflict (college_id) do update set cohorts_completed = excluded.cohorts_completed, trainees_enrolled = excluded.trainees_enrolled,
    trainees_completed = excluded.trainees_completed, trainees_hired = excluded.trainees_hired`

/**
 * Checks, then rewrites every row that differs from its base tables; returns what was found (the report before
 * the repair). Run it in one write transaction while no cohort is completing: a record is set to the recomputed
 * value, which a concurrent completion's increment would miss.
 */
export async function repairFigures (tx: Executor): Promise<FiguresReport> {
  const report = await checkFigures(tx)
  const keys = (figure: Figure) => report.mismatches.filter((m) => m.figure === figure).map((m) => m.key)
  await refreshMatchFacts(tx, keys('order_match_facts'))
  await syncCommitments(tx, keys('college_commitments'))
  for (const m of report.mismatches.filter((x) => x.figure === 'college_records')) {
    if (m.kind === 'extra') await tx.run('delete from college_records where college_id = ?', [m.key])
    else await tx.run(SET_RECORD, m.expected as RecordRow)
  }
  // Few rows per enterprise: a rebuild is the repair.
  if (keys('enterprise_records').length > 0) await rebuildEnterpriseRecords(tx)
  return report
}

/**
 * Recomputes every figure from its base tables without comparing first: after a bulk load that wrote the base
 * tables directly (the benchmark generator). Same caveat as repairFigures: run it while nothing else writes.
 */
export async function rebuildFigures (tx: Executor): Promise<void> {
  await rebuildMatchFacts(tx)
  await tx.run('delete from college_commitments')
  const live = (await tx.all<{ id: string }>("select id from cohorts where status in ('planned', 'in_training')")).map((r) => r.id)
  await syncCommitments(tx, live)
  await rebuildCollegeRecords(tx)
  await rebuildEnterpriseRecords(tx)
}
