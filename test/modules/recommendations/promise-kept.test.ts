// The college feed weighs the ordering enterprise's promise-kept rate (factor promise_kept), from its track record.
import t from 'tap'
import { buildTestApp, joinAlliance, registerOrg } from '../../helper.ts'
import { openOrder } from '../../helpers/market.ts'
import { insertOrderWithCohorts, runCohort } from '../../helpers/delivery.ts'
import { addCollege, matchingWorld, orderRecommendations, reasonOf, weightedSum, type OrderItem } from '../../helpers/matching.ts'

await t.test('an order of an enterprise that keeps its promises ranks above the same order of one that breaks them', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const keeper = world.enterprise
  const breaker = await registerOrg(app, 'enterprise', { name: '失约机械' })
  const newcomer = await registerOrg(app, 'enterprise', { name: '新来企业' })
  for (const e of [breaker, newcomer]) await joinAlliance(app, e, world.coordinator, 'equipment')
  const trainer = await addCollege(app, world, { name: '培训学院', specialties: ['钳工'] })
  // Past orders: the keeper promised 4 and hired 4; the breaker promised 4 and hired none.
  for (const [enterprise, hired] of [[keeper, 4], [breaker, 0]] as const) {
    const past = await insertOrderWithCohorts(app, { enterprise, college: trainer, coordinator: world.coordinator, headcount: 4, positions: 4, seats: 4 })
    await runCohort(app, trainer, enterprise, past.cohortIds[0]!, { enrolled: 4, completed: 4, hired, prefix: `H${hired}` })
  }
  const college = await addCollege(app, world, { name: '择单学院', specialties: ['数控'] })
  const same = { skills: ['数控'], headcount: 20 }
  await openOrder(app, breaker, { ...same, title: '失约企业的订单' })
  await openOrder(app, newcomer, { ...same, title: '新企业的订单' })
  await openOrder(app, keeper, { ...same, title: '守约企业的订单' })
  const res = await orderRecommendations(app, college.token, '?limit=10')
  t.equal(res.statusCode, 200, res.body)
  const items = res.json().items as OrderItem[]
  t.same(items.map((i) => i.order.title), ['守约企业的订单', '新企业的订单', '失约企业的订单'], 'kept, unknown (the prior), broken')
  const kept = items.map((i) => reasonOf(i, 'promise_kept'))
  t.same(kept.map((r) => r.score), [0.6429, 0.5, 0.3571], '(4 + 5) / (4 + 10), the prior 0.5, (0 + 5) / (4 + 10)')
  t.ok(kept.every((r) => r.weight === 0.15))
  const keeperName = items[0]!.order['organization'] as { name: string }
  t.equal(kept[0]!.detail, `${keeperName.name}: promise kept 100 %, hired 4 of 4 promised on 1 ended awarded order (smoothed towards 0.5)`)
  t.equal(kept[1]!.detail, '新来企业: no ended awarded orders yet (prior 0.5)')
  t.equal(kept[2]!.detail, '失约机械: promise kept 0 %, hired 0 of 4 promised on 1 ended awarded order (smoothed towards 0.5)')
  for (const item of items) t.ok(Math.abs(weightedSum(item) - item.score) < 1e-3, 'the reasons add up to the score')
})
