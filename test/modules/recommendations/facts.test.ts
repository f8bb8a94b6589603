// The precomputed matching facts follow the real routes: cohorts (commitments, records) and orders (feed facts).
import t from 'tap'
import { sql } from 'drizzle-orm'
import { api, buildTestApp } from '../../helper.ts'
import { sqlRow, sqlRows } from '../../../db/sql-query.ts'
import { createDraft, evaluatingOrder, openOrder, proposeMatch } from '../../helpers/market.ts'
import { deliveryFixture, insertOrderWithCohorts, runCohort } from '../../helpers/delivery.ts'
import { addCollege, collegeRecommendations, matchingWorld, orderRecommendations, reasonOf, type CollegeItem, type OrderItem } from '../../helpers/matching.ts'

await t.test('an approved match commits seats in its window; the feed and the order ranking both see them', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '宁波机电职业技术学院', specialties: ['数控'], annualCapacity: 20 })
  const { order, bids } = await evaluatingOrder(app, world.enterprise, [college], { headcount: 10 }, { cohortSize: 8, startDate: '2027-03-01', durationWeeks: 16 })
  const match = await proposeMatch(app, world.enterprise, order['id'], bids[0]!['id'], 8)
  t.equal(match.statusCode, 201, match.body)
  const approved = await api(app, world.coordinator.token, { method: 'POST', url: `/v1/matches/${String(match.json().id)}/approve` })
  t.equal(approved.statusCode, 200, approved.body)
  t.same(await sqlRows(app.data, sql`select seats, start_date as "startDate", end_date as "endDate" from college_commitments`), [{ seats: 8, startDate: '2027-03-01', endDate: '2027-06-21' }])
  const overlapping = await openOrder(app, world.enterprise, { title: '重叠窗口', headcount: 20, hiringCommitment: { positions: 5 }, trainingStart: '2027-05-01', trainingEnd: '2027-07-31' })
  const later = await openOrder(app, world.enterprise, { title: '之后窗口', headcount: 20, hiringCommitment: { positions: 5 }, trainingStart: '2027-07-01', trainingEnd: '2027-09-30' })
  const feed = (await orderRecommendations(app, college.token)).json().items as OrderItem[]
  const byTitle = new Map(feed.map((i) => [i.order.title, i]))
  t.equal(reasonOf(byTitle.get('重叠窗口')!, 'capacity').detail, 'capacity 20/yr, 8 seats committed in the window, 12 free for 20 wanted')
  t.equal(reasonOf(byTitle.get('之后窗口')!, 'capacity').score, 1)
  t.same(feed.map((i) => i.order.title), ['之后窗口', '重叠窗口'])
  const ranked = (await collegeRecommendations(app, world.enterprise.token, overlapping['id'])).json().items as CollegeItem[]
  t.equal(reasonOf(ranked[0]!, 'capacity').score, 0.6, 'the same 12 free of 20 from the order side')
  t.ok(later['id'])
})

await t.test('completing a cohort through the API ends its commitment and builds the track record; cancelling ends it too', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [done] } = await insertOrderWithCohorts(app, { ...f, seats: 6 })
  const { cohortIds: [dropped] } = await insertOrderWithCohorts(app, { ...f, seats: 4 })
  const commitments = async () => (await sqlRows<{ cohortId: string }>(app.data, sql`select cohort_id as "cohortId" from college_commitments order by cohort_id`))
    .map((r) => r.cohortId)
  t.same(await commitments(), [done, dropped].sort(), 'planned cohorts commit their seats')
  await runCohort(app, f.college, f.enterprise, done!, { enrolled: 5, completed: 4, hired: 2 })
  t.same(await commitments(), [dropped], 'a completed cohort commits nothing')
  t.same(await sqlRows(app.data, sql`select cohorts_completed as cohorts, trainees_enrolled as enrolled, trainees_completed as completed, trainees_hired as hired from college_records`),
    [{ cohorts: 1, enrolled: 5, completed: 4, hired: 2 }])
  const cancelled = await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${dropped!}/cancel`, payload: { reason: '企业需求取消' } })
  t.equal(cancelled.statusCode, 200, cancelled.body)
  t.same(await commitments(), [], 'a cancelled cohort commits nothing')
  const order = await openOrder(app, f.enterprise, { skills: ['数控'] })
  const items = (await collegeRecommendations(app, f.enterprise.token, order['id'])).json().items as CollegeItem[]
  const mine = items.find((i) => i.college.id === f.college.organizationId)!
  t.equal(reasonOf(mine, 'completion_rate').detail, 'completion rate 80 %: 4 of 5 trainees completed in 1 completed cohort (smoothed towards 0.5)')
  t.equal(reasonOf(mine, 'completion_rate').score, Math.round(10_000 * 9 / 15) / 10_000)
  t.equal(reasonOf(mine, 'hire_rate').detail, 'hire rate 50 %: 2 of 4 trainees who completed were hired (smoothed towards 0.5)')
  t.equal(reasonOf(mine, 'hire_rate').score, 7 / 14)
})

await t.test('order edits keep the feed facts: skills on a draft, status on publish, a later deadline while open', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const draft = await createDraft(app, world.enterprise, { skills: ['数控', '焊接', 'CNC'] })
  const facts = async () => (await sqlRow<{ status: string, keyCount: number, keys: string, bidDeadline: string }>(app.data,
    sql`select status, key_count as "keyCount", keys, bid_deadline as "bidDeadline" from order_match_facts where order_id = ${draft['id']}`))!
  t.match(await facts(), { status: 'draft', keyCount: 2 })
  t.same((await facts()).keys.split('\u001f').filter(Boolean).sort(), ['cnc-machining', 'welding'])
  const patched = await api(app, world.enterprise.token, { method: 'PATCH', url: `/v1/orders/${String(draft['id'])}`, payload: { skills: ['PLC'] } })
  t.equal(patched.statusCode, 200, patched.body)
  t.match(await facts(), { keyCount: 1, keys: '\u001fplc\u001f' })
  t.equal((await api(app, world.enterprise.token, { method: 'POST', url: `/v1/orders/${String(draft['id'])}/publish` })).statusCode, 200)
  t.equal((await facts()).status, 'open')
  const later = await api(app, world.enterprise.token, { method: 'PATCH', url: `/v1/orders/${String(draft['id'])}`, payload: { bidDeadline: '2027-02-10T00:00:00.000Z' } })
  t.equal(later.statusCode, 200, later.body)
  t.equal((await facts()).bidDeadline, '2027-02-10T00:00:00.000Z')
})
