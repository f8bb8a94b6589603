// GET /v1/recommendations/orders: eligibility, each feed factor moves the ranking, hasBid, and the same scores both ways.
import t from 'tap'
import { buildTestApp, joinAlliance, registerOrg, api } from '../../helper.ts'
import { createDraft, openOrder, orderAction, submitBid } from '../../helpers/market.ts'
import { addCollege, collegeRecommendations, insertCohort, matchingWorld, orderRecommendations, reasonOf, weightedSum, type CollegeItem, type OrderItem } from '../../helpers/matching.ts'

const titles = (items: OrderItem[]) => items.map((i) => i.order.title)
const feed = async (app: Parameters<typeof orderRecommendations>[0], token: string, query = '?limit=50') => {
  const res = await orderRecommendations(app, token, query)
  if (res.statusCode !== 200) throw new Error(`feed ${res.statusCode} ${res.body}`)
  return res.json().items as OrderItem[]
}

await t.test('only open orders of the college\'s active alliances whose deadline is ahead', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const aluminum = await matchingWorld(app, 'aluminum')
  const petro = await matchingWorld(app, 'petrochemical')
  const college = await addCollege(app, world, { name: '宁波机电学院', specialties: ['数控'] })
  await joinAlliance(app, college, aluminum.coordinator, 'aluminum')
  const pending = await api(app, college.token, { method: 'POST', url: '/v1/alliances/petrochemical/memberships' })
  t.equal(pending.statusCode, 201, 'a pending membership gives nothing')
  await openOrder(app, world.enterprise, { title: '装备 开放' })
  await openOrder(app, aluminum.enterprise, { title: '铝业 开放', allianceCode: 'aluminum' })
  await openOrder(app, petro.enterprise, { title: '化工 开放', allianceCode: 'petrochemical' })
  await createDraft(app, world.enterprise, { title: '草稿' })
  const closed = await openOrder(app, world.enterprise, { title: '提前截标' })
  t.equal((await orderAction(app, world.enterprise, closed['id'], 'close-bidding')).statusCode, 200)
  const cancelled = await openOrder(app, world.enterprise, { title: '已取消' })
  t.equal((await orderAction(app, world.enterprise, cancelled['id'], 'cancel', { reason: '需求变更' })).statusCode, 200)
  await openOrder(app, world.enterprise, { title: '明天截标', bidDeadline: '2027-01-11T08:00:00.000Z' })
  t.same(titles(await feed(app, college.token)).sort(), ['明天截标', '装备 开放', '铝业 开放'].sort())
  app.testClock.set('2027-01-11T08:00:00.000Z')
  t.same(titles(await feed(app, college.token)).sort(), ['装备 开放', '铝业 开放'].sort(), 'a deadline that has just passed closes bidding at read time')
  const enterpriseCollegeView = await registerOrg(app, 'college', { name: '未入盟学院', specialties: ['数控'] })
  t.same(await feed(app, enterpriseCollegeView.token), [], 'no alliance, no orders')
})

await t.test('better skill fit ranks higher; aliases and normalisation count as the same skill', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '数控学院', specialties: ['ＣＮＣ', 'Welding'], annualCapacity: 1000 })
  const common = { headcount: 20, bidDeadline: '2027-02-01T00:00:00.000Z' }
  await openOrder(app, world.enterprise, { ...common, title: '全匹配', skills: ['数控', '焊接'] })
  await openOrder(app, world.enterprise, { ...common, title: '半匹配', skills: ['cnc machining', '化工操作'] })
  await openOrder(app, world.enterprise, { ...common, title: '不匹配', skills: ['热处理'] })
  const items = await feed(app, college.token)
  t.same(titles(items), ['全匹配', '半匹配', '不匹配'])
  t.same(items.map((i) => reasonOf(i, 'skill_fit').score), [1, 0.5, 0])
  t.equal(reasonOf(items[0]!, 'skill_fit').detail, '2 of 2 required skills (cnc-machining, welding)')
  t.equal(reasonOf(items[2]!, 'skill_fit').detail, '0 of 1 required skill')
  t.same(items[0]!.order['skills'], ['数控', '焊接'], 'the order summary shows the tags as written')
})

await t.test('headroom, a reachable deadline and a larger order each rank higher, all else equal', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '焊接学院', specialties: ['welding'], annualCapacity: 100 })
  await insertCohort(app, { world, college, seats: 70, startDate: '2027-03-01', durationWeeks: 10, status: 'planned' })
  const base = { skills: ['welding'], headcount: 40, bidDeadline: '2027-02-01T00:00:00.000Z' }
  await openOrder(app, world.enterprise, { ...base, title: '窗口重叠', trainingStart: '2027-03-15', trainingEnd: '2027-05-31' })
  await openOrder(app, world.enterprise, { ...base, title: '窗口空闲', trainingStart: '2027-07-01', trainingEnd: '2027-09-30' })
  let items = await feed(app, college.token)
  t.same(titles(items), ['窗口空闲', '窗口重叠'])
  t.equal(reasonOf(items[1]!, 'capacity').detail, 'capacity 100/yr, 70 seats committed in the window, 30 free for 40 wanted')
  t.equal(reasonOf(items[1]!, 'capacity').score, 0.75)

  const app2 = await buildTestApp(t)
  const world2 = await matchingWorld(app2)
  const college2 = await addCollege(app2, world2, { name: '焊接学院', specialties: ['welding'], annualCapacity: 1000 })
  await openOrder(app2, world2.enterprise, { ...base, title: '三天后截标', bidDeadline: '2027-01-13T08:00:00.000Z' })
  await openOrder(app2, world2.enterprise, { ...base, title: '三周后截标', bidDeadline: '2027-01-31T08:00:00.000Z' })
  await openOrder(app2, world2.enterprise, { ...base, title: '小订单', headcount: 5, hiringCommitment: { positions: 5 }, bidDeadline: '2027-01-31T08:00:00.000Z' })
  items = await feed(app2, college2.token)
  t.same(titles(items), ['三周后截标', '小订单', '三天后截标'], 'a deadline 3 days away loses 0.15 × 11/14 = 0.118; 5 instead of 40 trainees loses 0.1 × (0.571 − 0.143) = 0.043')
  const byTitle = new Map(items.map((i) => [i.order.title, i]))
  t.equal(reasonOf(byTitle.get('三天后截标')!, 'deadline').score, 0.2143, '3 of 14 days')
  t.match(reasonOf(byTitle.get('三天后截标')!, 'deadline').detail, /3 days left/)
  t.equal(reasonOf(byTitle.get('三周后截标')!, 'deadline').score, 1, 'three weeks is past the horizon')
  t.equal(reasonOf(byTitle.get('小订单')!, 'order_size').score, 0.1429, '5 / (5 + 30)')
  t.equal(reasonOf(byTitle.get('三周后截标')!, 'order_size').score, 0.5714, '40 / (40 + 30)')
  t.equal(reasonOf(byTitle.get('三周后截标')!, 'order_size').detail, '40 trainees wanted')
  for (const item of items) {
    t.ok(Math.abs(item.score - weightedSum(item)) < 0.0005, 'score is the weighted sum')
    t.same(item.reasons.map((r) => r.factor).sort(), ['capacity', 'deadline', 'order_size', 'promise_kept', 'skill_fit'])
  }
})

await t.test('hasBid shows the caller\'s own live bid; the feed keeps orders it already bid on', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '投标学院', specialties: ['数控'] })
  const other = await addCollege(app, world, { name: '另一学院', specialties: ['数控'] })
  const order = await openOrder(app, world.enterprise, { title: '已投标' })
  await openOrder(app, world.enterprise, { title: '未投标' })
  const bid = await submitBid(app, college, order['id'])
  const mine = new Map((await feed(app, college.token)).map((i) => [i.order.title, i.hasBid]))
  t.same(Object.fromEntries(mine), { 已投标: true, 未投标: false })
  const theirs = (await feed(app, other.token)).map((i) => i.hasBid)
  t.same(theirs, [false, false], "another college's bid never shows")
  t.equal((await api(app, college.token, { method: 'POST', url: `/v1/bids/${String(bid['id'])}/withdraw` })).statusCode, 200)
  t.same((await feed(app, college.token)).map((i) => i.hasBid), [false, false], 'a withdrawn bid is no bid')
})

await t.test('the same pair gets the same skill and capacity scores in both directions', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '双向学院', specialties: ['数控', 'PLC', '装配'], annualCapacity: 120 })
  await insertCohort(app, { world, college, seats: 100, startDate: '2027-04-01', durationWeeks: 6, status: 'in_training' })
  await insertCohort(app, { world, college, seats: 30, status: 'completed', roster: { enrolled: 30, completed: 27, hired: 20 } })
  const order = await openOrder(app, world.enterprise, { skills: ['CNC', 'plc', '焊接'], headcount: 50 })
  const [forOrder] = (await collegeRecommendations(app, world.enterprise.token, order['id'])).json().items as CollegeItem[]
  const [forCollege] = await feed(app, college.token)
  for (const factor of ['skill_fit', 'capacity']) {
    t.equal(reasonOf(forCollege!, factor).score, reasonOf(forOrder!, factor).score, factor)
    t.equal(reasonOf(forCollege!, factor).detail, reasonOf(forOrder!, factor).detail, `${factor} detail`)
  }
  t.equal(reasonOf(forOrder!, 'capacity').score, 0.4, '20 free of 120 for 50 wanted')
})

await t.test('ties in the feed are broken by order id and repeat exactly', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '学院', specialties: ['数控'] })
  for (let i = 0; i < 5; i++) await openOrder(app, world.enterprise, { title: `同分订单 ${i}` })
  const first = await feed(app, college.token)
  t.same(first.map((i) => i.order.id), first.map((i) => i.order.id).sort())
  const again = await Promise.all(Array.from({ length: 4 }, () => feed(app, college.token)))
  for (const items of again) t.same(items, first)
})
