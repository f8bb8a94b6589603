// The derived figures after the matching and delivery scenarios equal what their base tables give, on the suite's engine; repair fixes drift.
import t from 'tap'
import { buildTestApp, api, registerOrg, joinAlliance } from '../helper.ts'
import { checkFigures, repairFigures } from '../../db/figures/consistency.ts'
import { buildMatchFacts, julianDayOf, KEY_SEPARATOR } from '../../db/figures/order-match-facts.ts'
import { commitmentEnd } from '../../db/figures/college-figures.ts'
import { createDraft, evaluatingOrder, openOrder, orderAction, proposeMatch } from '../helpers/market.ts'
import { addCollege, matchingWorld } from '../helpers/matching.ts'
import { reportScenario } from '../helpers/report-scenario.ts'
import { cohortAction, enrol, hire, insertOrderWithCohorts, setTrainee, traineeBatch } from '../helpers/delivery.ts'

t.test('the facts row of an order: separated keys, their bits as a bigint, the deadline as a Julian day', async (t) => {
  const order = { id: 'o', allianceId: 'a', organizationId: 'e', status: 'open' as const, bidDeadline: '2027-02-01T12:00:00.000Z', headcount: 3, trainingStart: '2027-03-01', trainingEnd: '2027-04-01' }
  const row = buildMatchFacts(order, [{ skill: 'cnc-machining', bit: 62 }, { skill: 'welding', bit: 0 }, { skill: '3d打印', bit: null }])
  t.equal(row.keys, `${KEY_SEPARATOR}cnc-machining${KEY_SEPARATOR}welding${KEY_SEPARATOR}3d打印${KEY_SEPARATOR}`)
  t.equal(row.keyCount, 3)
  t.equal(row.skillBits, (1n << 62n) | 1n, 'bit 62 is exact')
  t.equal(row.deadlineDay, 2461438, 'noon UTC is a whole Julian day')
  t.equal(buildMatchFacts(order, []).keys, KEY_SEPARATOR, 'no keys: one separator')
  t.equal(julianDayOf('1970-01-01T00:00:00.000Z'), 2440587.5)
  t.equal(commitmentEnd('2027-03-01', 16), '2027-06-21')
  t.equal(commitmentEnd('2027-12-20', 2), '2028-01-03', 'across a year')
  t.equal(commitmentEnd('2028-02-22', 1), '2028-02-29', 'a leap day')
})

t.test('after the matching scenario (drafts, edits, publishing, bidding closed, vocabulary changes) every figure checks', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '宁波机电职业技术学院', specialties: ['数控', '焊接'], annualCapacity: 20 })
  const draft = await createDraft(app, world.enterprise, { skills: ['数控', '焊接', 'CNC', '3D打印'] })
  t.equal((await api(app, world.enterprise.token, { method: 'PATCH', url: `/v1/orders/${String(draft['id'])}`, payload: { skills: ['PLC', '3D打印'], headcount: 12 } })).statusCode, 200)
  t.equal((await orderAction(app, world.enterprise, draft['id'], 'publish')).statusCode, 200)
  t.equal((await api(app, world.enterprise.token, { method: 'PATCH', url: `/v1/orders/${String(draft['id'])}`, payload: { bidDeadline: '2027-02-10T00:00:00.000Z' } })).statusCode, 200)
  const { order, bids } = await evaluatingOrder(app, world.enterprise, [college], { headcount: 10 }, { cohortSize: 8, startDate: '2027-03-01', durationWeeks: 16 })
  const match = await proposeMatch(app, world.enterprise, order['id'], bids[0]!['id'], 8)
  t.equal(match.statusCode, 201, match.body)
  t.equal((await api(app, world.coordinator.token, { method: 'POST', url: `/v1/matches/${String(match.json().id)}/approve` })).statusCode, 200)
  const cancelled = await openOrder(app, world.enterprise, { title: '取消的订单' })
  t.equal((await orderAction(app, world.enterprise, cancelled['id'], 'cancel', { reason: '不再需要' })).statusCode, 200)
  // A new canonical skill takes a bit and an alias re-keys the order typed with it.
  const skill = await api(app, world.admin.token, { method: 'POST', url: '/v1/skills', payload: { tag: 'additive-manufacturing', nameEn: 'Additive manufacturing', nameZh: '增材制造', aliases: ['3D打印'] } })
  t.equal(skill.statusCode, 201, skill.body)
  const report = await checkFigures(app.data)
  t.same(report.mismatches, [])
  t.ok(report.checked.order_match_facts >= 3 && report.checked.college_commitments === 1, JSON.stringify(report.checked))
})

t.test('after the delivery scenario (cohorts run, completed, hired afterwards, cancelled with their order) every figure checks', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  // A trainee hired after the cohort completed adds to the college's record.
  const late = await insertOrderWithCohorts(app, { ...s, seats: 3 })
  const trainees = await enrol(app, s.college.token, late.cohortIds[0]!, traineeBatch(3, 'L'))
  await cohortAction(app, s.college.token, late.cohortIds[0]!, 'start')
  for (const trainee of trainees) await setTrainee(app, s.college.token, late.cohortIds[0]!, trainee.id, 'completed')
  await cohortAction(app, s.college.token, late.cohortIds[0]!, 'complete')
  await hire(app, s.enterprise.token, late.cohortIds[0]!, trainees[0]!.id)
  // Cancelling an order cancels its planned cohorts, which commit nothing then.
  const planned = await insertOrderWithCohorts(app, { ...s, status: 'evaluating', seats: 2 })
  t.equal((await orderAction(app, s.enterprise, planned.orderId, 'cancel', { reason: '项目取消' })).statusCode, 200)
  const third = await registerOrg(app, 'college', { name: '第三学院' })
  await joinAlliance(app, third, s.coordinator, 'equipment')
  const report = await checkFigures(app.data)
  t.same(report.mismatches, [])
  t.ok(report.checked.college_records >= 2, JSON.stringify(report.checked))
  const record = await app.data.get<{ hired: number }>('select trainees_hired as hired from college_records where college_id = ?', [s.college.organizationId])
  t.equal(Number(record?.hired), 4 + 0 + 3 + 5 + 1, 'C1: O1 4, O2 0, O5 3, O8 5, and the late hire')
})

t.test('a drifted figure is found and repaired', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '学院', specialties: ['焊接'] })
  const open = await openOrder(app, world.enterprise, { skills: ['焊接'] })
  await insertOrderWithCohorts(app, { enterprise: world.enterprise, college, coordinator: world.coordinator, seats: 2 })
  await app.data.run('update order_match_facts set headcount = headcount + 1, skill_bits = 0 where order_id = ?', [open['id']])
  await app.data.run('delete from college_commitments')
  await app.data.run("insert into college_records (college_id, cohorts_completed, trainees_enrolled, trainees_completed, trainees_hired) values ('nobody', 1, 1, 1, 1)")
  const found = await checkFigures(app.data)
  t.same(found.mismatches.map((m) => `${m.figure} ${m.kind}`).sort(), ['college_commitments missing', 'college_records extra', 'order_match_facts different'])
  const repaired = await app.data.write((tx) => repairFigures(tx))
  t.equal(repaired.mismatches.length, 3, 'the repair reports what it fixed')
  t.same((await checkFigures(app.data)).mismatches, [])
})
