// SQLite only: a file at migration 0012 (figures kept by triggers) upgrades to figures kept in code, with no trigger left and every figure recomputed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { migrateSqlite, openSqliteConnection, openSqliteDataLayer } from '../../db/sqlite/data-layer.ts'
import { migrationsUntil } from '../support/sqlite-migrations.ts'
import { checkFigures } from '../../db/figures/consistency.ts'

const TRIGGERS_UNTIL = '0012_search_index_versions'

const triggerCount = (sqlite: ReturnType<typeof openSqliteConnection>) =>
  (sqlite.prepare("select count(*) as n from sqlite_master where type = 'trigger'").get() as { n: number }).n

t.test('upgrading a file whose figures the triggers kept drops the 12 triggers and recomputes every figure', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'figures-upgrade-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'old.db')
  const sqlite = openSqliteConnection(path)
  migrate(drizzle(sqlite), { migrationsFolder: migrationsUntil(dir, TRIGGERS_UNTIL) })
  t.equal(triggerCount(sqlite), 12, 'the old file has the live triggers')
  // Base rows without their parents (foreign keys off): only what the triggers read.
  sqlite.pragma('foreign_keys = OFF')
  const at = '2027-01-10T08:00:00.000Z'
  const order = sqlite.prepare(`insert into orders (id, alliance_id, organization_id, created_by, status, title, occupation, skills, headcount, location,
    training_start, training_end, bid_deadline, created_at, updated_at) values (?, 'a1', 'e1', 'u1', ?, 't', 'o', '[]', ?, 'l', '2027-03-01', '2027-06-30', ?, ?, ?)`)
  order.run('o1', 'open', 10, '2027-02-01T00:00:00.000Z', at, at)
  order.run('o2', 'draft', 3, '2027-02-03T15:30:12.345Z', at, at)
  sqlite.prepare("insert into skills (id, tag, name_en, name_zh, bit, created_at) values ('s1', 'welding', 'Welding', '焊接', 62, ?), ('s2', 'cnc-machining', 'CNC', '数控', 1, ?)").run(at, at)
  // Inserted out of code-point order: the triggers appended keys as inserted, the code lists them sorted.
  for (const [skill, id] of [['welding', 'o1'], ['plc', 'o1'], ['cnc-machining', 'o1'], ['cnc-machining', 'o2']]) sqlite.prepare('insert into order_skills (skill, order_id) values (?, ?)').run(skill, id)
  const cohort = sqlite.prepare(`insert into cohorts (id, order_id, match_id, alliance_id, college_id, enterprise_id, seats, start_date, duration_weeks, status,
    enrolled_count, completed_count, dropped_count, hired_count, created_at, updated_at) values (?, 'o1', ?, 'a1', ?, 'e1', ?, '2027-03-01', ?, ?, ?, ?, ?, ?, ?, ?)`)
  cohort.run('c1', 'm1', 'k1', 8, 16, 'planned', 0, 0, 0, 0, at, at)
  cohort.run('c2', 'm2', 'k1', 6, 12, 'completed', 6, 5, 1, 4, at, at)
  cohort.run('c3', 'm3', 'k1', 5, 12, 'completed', 5, 5, 0, 5, at, at)
  cohort.run('c4', 'm4', 'k2', 4, 10, 'in_training', 4, 0, 0, 0, at, at)
  t.equal((sqlite.prepare('select keys from order_match_facts where order_id = ?').get('o1') as { keys: string }).keys, '\u001fwelding\u001fplc\u001fcnc-machining\u001f', 'trigger order')
  migrateSqlite(sqlite)
  t.equal(triggerCount(sqlite), 0, 'no trigger is left to count a second time')
  sqlite.close()

  const data = openSqliteDataLayer(path)
  t.teardown(() => data.close())
  t.same((await checkFigures(data)).mismatches, [], 'the recomputed figures are what the code builds')
  t.same(await data.all('select order_id as "orderId", keys, key_count as "keyCount", cast(skill_bits as text) as bits from order_match_facts order by order_id'), [
    { orderId: 'o1', keys: '\u001fcnc-machining\u001fplc\u001fwelding\u001f', keyCount: 3, bits: String((1n << 62n) | 2n) },
    { orderId: 'o2', keys: '\u001fcnc-machining\u001f', keyCount: 1, bits: '2' }
  ])
  t.same(await data.all('select cohort_id as "cohortId", end_date as "endDate" from college_commitments order by cohort_id'), [
    { cohortId: 'c1', endDate: '2027-06-21' }, { cohortId: 'c4', endDate: '2027-05-10' }
  ])
  t.same(await data.all('select college_id as "collegeId", cohorts_completed as n, trainees_hired as hired from college_records order by college_id'), [
    { collegeId: 'k1', n: 2, hired: 9 }
  ])
  // A write after the upgrade changes each figure once: the code's upsert, no trigger on top.
  await data.write((tx) => tx.run("update cohorts set hired_count = hired_count + 1 where id = 'c2'"))
  t.same((await checkFigures(data)).mismatches.map((m) => m.figure), ['college_records'], 'a raw write no longer moves the record: only the code does')
})
