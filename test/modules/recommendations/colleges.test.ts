// GET /v1/orders/{id}/recommendations: each factor moves the ranking, eligibility, explanations, hasBid while sealed.
import t from 'tap'
import { buildTestApp } from '../../helper.ts'
import { openOrder, createDraft, submitBid, orderAction } from '../../helpers/market.ts'
import { addCollege, collegeRecommendations, insertCohort, matchingWorld, reasonOf, weightedSum, type CollegeItem } from '../../helpers/matching.ts'

const ids = (items: CollegeItem[]) => items.map((i) => i.college.id)

await t.test('better skill fit ranks higher, and the reason says how many skills match', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const full = await addCollege(app, world, { name: '宁波机电职业技术学院', specialties: ['数控', '焊接', 'PLC'], annualCapacity: 500 })
  const partial = await addCollege(app, world, { name: '北仑技师学院', specialties: ['welding'], annualCapacity: 500 })
  const none = await addCollege(app, world, { name: '化工学校', specialties: ['化工操作'], annualCapacity: 500 })
  const order = await openOrder(app, world.enterprise, { skills: ['CNC', 'welding', 'plc'], headcount: 40 })
  const res = await collegeRecommendations(app, world.enterprise.token, order['id'])
  t.equal(res.statusCode, 200)
  const items = res.json().items as CollegeItem[]
  t.same(ids(items), [full.organizationId, partial.organizationId, none.organizationId])
  t.same(items.map((i) => reasonOf(i, 'skill_fit').score), [1, 0.3333, 0])
  t.equal(reasonOf(items[0]!, 'skill_fit').detail, '3 of 3 required skills (cnc-machining, welding, plc)')
  t.equal(reasonOf(items[1]!, 'skill_fit').detail, '1 of 3 required skills (welding)')
  t.equal(items[0]!.college.name, '宁波机电职业技术学院')
  for (const item of items) {
    t.ok(item.score >= 0 && item.score <= 1, 'score in [0, 1]')
    t.ok(Math.abs(item.score - weightedSum(item)) < 0.0005, 'score is the weighted sum of the factor scores')
    t.same(item.reasons.map((r) => r.factor), ['skill_fit', 'capacity', 'completion_rate', 'hire_rate'])
    t.equal(item.reasons.reduce((s, r) => s + r.weight, 0), 1, 'weights sum to 1')
  }
})

await t.test('more capacity headroom in the training window ranks higher; unknown capacity is neutral', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const busy = await addCollege(app, world, { name: 'A 满负荷学院', specialties: ['welding'], annualCapacity: 100 })
  const free = await addCollege(app, world, { name: 'B 空闲学院', specialties: ['welding'], annualCapacity: 100 })
  const unknown = await addCollege(app, world, { name: 'C 未填容量学院', specialties: ['welding'] })
  const outside = await addCollege(app, world, { name: 'D 窗口外学院', specialties: ['welding'], annualCapacity: 100 })
  await insertCohort(app, { world, college: busy, seats: 80, startDate: '2027-04-01', durationWeeks: 8, status: 'in_training' })
  await insertCohort(app, { world, college: outside, seats: 80, startDate: '2027-08-01', durationWeeks: 8, status: 'planned' })
  await insertCohort(app, { world, college: free, seats: 90, startDate: '2027-04-01', durationWeeks: 8, status: 'cancelled' })
  const order = await openOrder(app, world.enterprise, { skills: ['焊接'], headcount: 40, trainingStart: '2027-03-01', trainingEnd: '2027-06-30' })
  const items = (await collegeRecommendations(app, world.coordinator.token, order['id'])).json().items as CollegeItem[]
  const byId = new Map(items.map((i) => [i.college.id, i]))
  t.equal(reasonOf(byId.get(free.organizationId)!, 'capacity').score, 1, 'a cancelled cohort commits nothing')
  t.equal(reasonOf(byId.get(outside.organizationId)!, 'capacity').score, 1, 'a cohort after the window commits nothing in it')
  t.equal(reasonOf(byId.get(busy.organizationId)!, 'capacity').score, 0.5, '20 free seats for 40 wanted')
  t.equal(reasonOf(byId.get(busy.organizationId)!, 'capacity').detail, 'capacity 100/yr, 80 seats committed in the window, 20 free for 40 wanted')
  t.equal(reasonOf(byId.get(unknown.organizationId)!, 'capacity').score, 0.5)
  t.match(reasonOf(byId.get(unknown.organizationId)!, 'capacity').detail, /capacity unknown/)
  t.ok(ids(items).indexOf(free.organizationId) < ids(items).indexOf(busy.organizationId), 'headroom ranks higher')
  t.same(ids(items).slice(0, 2).sort(), [free.organizationId, outside.organizationId].sort())
})

await t.test('a better track record ranks higher; a newcomer sits between a poor and a strong record', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const strong = await addCollege(app, world, { name: '强', specialties: ['welding'], annualCapacity: 1000 })
  const poor = await addCollege(app, world, { name: '弱', specialties: ['welding'], annualCapacity: 1000 })
  const newcomer = await addCollege(app, world, { name: '新', specialties: ['welding'], annualCapacity: 1000 })
  await insertCohort(app, { world, college: strong, seats: 40, status: 'completed', roster: { enrolled: 40, completed: 38, hired: 35 } })
  await insertCohort(app, { world, college: poor, seats: 40, status: 'completed', roster: { enrolled: 40, completed: 15, hired: 2 } })
  const order = await openOrder(app, world.enterprise, { skills: ['welding'], headcount: 10 })
  const items = (await collegeRecommendations(app, world.admin.token, order['id'])).json().items as CollegeItem[]
  t.same(ids(items), [strong.organizationId, newcomer.organizationId, poor.organizationId])
  for (const factor of ['completion_rate', 'hire_rate']) {
    const record = (i: number) => reasonOf(items[i]!, factor)
    t.equal(record(1).score, 0.5, `${factor}: a newcomer gets the prior, neither 0 nor 1`)
    t.ok(record(0).score > 0.5 && record(0).score < 1, factor)
    t.ok(record(2).score > 0 && record(2).score < 0.5, factor)
    t.equal(record(0).weight, 0.125, `${factor} weighs an eighth`)
  }
  t.equal(reasonOf(items[0]!, 'completion_rate').detail, 'completion rate 95 %: 38 of 40 trainees completed in 1 completed cohort (smoothed towards 0.5)')
  t.equal(reasonOf(items[0]!, 'hire_rate').detail, 'hire rate 92 %: 35 of 38 trainees who completed were hired (smoothed towards 0.5)')
  t.match(reasonOf(items[1]!, 'completion_rate').detail, /no completed cohorts with trainees yet/)
  t.match(reasonOf(items[1]!, 'hire_rate').detail, /no trainees completed yet/)
})

await t.test('only active college members of the order\'s alliance are eligible', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const member = await addCollege(app, world, { name: '成员学院', specialties: ['welding'] })
  await addCollege(app, world, { name: '非成员学院', specialties: ['welding'], join: false })
  const other = await matchingWorld(app, 'aluminum')
  await addCollege(app, other, { name: '铝业联盟学院', specialties: ['welding'] })
  const order = await openOrder(app, world.enterprise, { skills: ['welding'] })
  const items = (await collegeRecommendations(app, world.enterprise.token, order['id'])).json().items as CollegeItem[]
  t.same(ids(items), [member.organizationId], 'no enterprises, no non-members, no other alliance')
})

await t.test('hasBid is null while bids are sealed, then tells who bid', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const bidder = await addCollege(app, world, { name: '投标学院', specialties: ['数控'] })
  const silent = await addCollege(app, world, { name: '未投标学院', specialties: ['数控'] })
  const order = await openOrder(app, world.enterprise)
  await submitBid(app, bidder, order['id'])
  const sealed = (await collegeRecommendations(app, world.enterprise.token, order['id'])).json().items as CollegeItem[]
  t.same(sealed.map((i) => i.hasBid), [null, null], 'nobody learns who bid while the order is open')
  t.equal((await orderAction(app, world.enterprise, order['id'], 'close-bidding')).statusCode, 200)
  const open = (await collegeRecommendations(app, world.enterprise.token, order['id'])).json().items as CollegeItem[]
  const hasBid = new Map(open.map((i) => [i.college.id, i.hasBid]))
  t.equal(hasBid.get(bidder.organizationId), true)
  t.equal(hasBid.get(silent.organizationId), false)
})

await t.test('ties are broken by college id, and the ranking repeats exactly', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  for (let i = 0; i < 6; i++) await addCollege(app, world, { name: `同分学院 ${i}`, specialties: ['welding'], annualCapacity: 300 })
  const order = await createDraft(app, world.enterprise, { skills: ['welding'] })
  const first = (await collegeRecommendations(app, world.enterprise.token, order['id'])).json().items as CollegeItem[]
  t.equal(first.length, 6, 'a draft gets recommendations too (its owner plans)')
  t.same(ids(first), [...ids(first)].sort(), 'equal scores: ascending id')
  const again = await Promise.all(Array.from({ length: 5 }, () => collegeRecommendations(app, world.enterprise.token, order['id'])))
  for (const res of again) t.same(res.json(), { items: first })
})
