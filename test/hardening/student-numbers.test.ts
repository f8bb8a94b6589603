// A student number is one number however it is typed: full-width forms are the same number, invisible characters are refused.
import t from 'tap'
import { api, buildTestApp } from '../helper.ts'
import { expectProblem } from '../helpers/hardening.ts'
import { deliveryFixture, enrol, insertOrderWithCohorts } from '../helpers/delivery.ts'

t.test('a full-width studentNo is the same number as its ASCII form: stored normalised, a duplicate is a 409', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 5 })
  const url = `/v1/cohorts/${cohortId}/trainees`
  const [stored] = await enrol(app, f.college.token, cohortId!, [{ name: '王小明', studentNo: 'ＳＮ２０２７００１' }])
  t.equal(stored!.studentNo, 'SN2027001', 'stored in its NFKC form')
  const again = await api(app, f.college.token, { method: 'POST', url, payload: { trainees: [{ name: '王小明', studentNo: 'SN2027001' }] } })
  expectProblem(t, again, 409, 'duplicate_student_no')
  const inBatch = await api(app, f.college.token, { method: 'POST', url, payload: { trainees: [{ name: '甲', studentNo: 'SN02' }, { name: '乙', studentNo: 'ＳＮ０２' }] } })
  expectProblem(t, inBatch, 409, 'duplicate_student_no')
  const roster = await api(app, f.college.token, { method: 'GET', url })
  t.same(roster.json().items.map((x: { studentNo: string }) => x.studentNo), ['SN2027001'])
})

t.test('a studentNo with invisible characters is a 400', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 5 })
  for (const studentNo of ['\u200BSN01', 'SN\u200B01', 'SN01\uFEFF', '\u3164', 'SN\u180E01', ' SN01']) {
    const res = await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/trainees`, payload: { trainees: [{ name: '李华', studentNo }] } })
    expectProblem(t, res, 400, 'validation_failed')
  }
  t.equal((await enrol(app, f.college.token, cohortId!, [{ name: '李华', studentNo: 'SN 01-A' }])).length, 1, 'inner spaces and punctuation stay allowed')
})
