// Who may ask for recommendations, from every role: 200 for the allowed, 403 for who sees but may not, 404, 401, 400.
import t from 'tap'
import { buildTestApp, createCoordinator, joinAlliance, registerOrg } from '../../helper.ts'
import { createDraft, openOrder } from '../../helpers/market.ts'
import { addCollege, collegeRecommendations, matchingWorld, orderRecommendations } from '../../helpers/matching.ts'

await t.test('order recommendations: owner, the alliance coordinator and admins; colleges 403; others per visibility', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '成员学院', specialties: ['数控'] })
  const rival = await registerOrg(app, 'enterprise', { name: '同联盟另一企业' })
  await joinAlliance(app, rival, world.coordinator, world.code)
  const stranger = await registerOrg(app, 'enterprise', { name: '联盟外企业' })
  const otherCoordinator = await createCoordinator(app, ['aluminum'])
  const order = await openOrder(app, world.enterprise)
  const draft = await createDraft(app, world.enterprise)

  for (const [who, session] of [['owner', world.enterprise], ['coordinator', world.coordinator], ['admin', world.admin]] as const) {
    const res = await collegeRecommendations(app, session.token, order['id'])
    t.equal(res.statusCode, 200, `${who} reads them`)
    t.equal(res.json().items[0].college.id, college.organizationId)
  }
  const asCollege = await collegeRecommendations(app, college.token, order['id'])
  t.equal(asCollege.statusCode, 403, 'a college, even one that sees the order')
  t.equal(asCollege.json().code, 'forbidden')
  t.equal(asCollege.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal((await collegeRecommendations(app, rival.token, order['id'])).statusCode, 403, 'another enterprise of the alliance sees the order but may not')
  t.equal((await collegeRecommendations(app, stranger.token, order['id'])).statusCode, 404, 'an enterprise that cannot see the order')
  t.equal((await collegeRecommendations(app, rival.token, draft['id'])).statusCode, 404, "another enterprise's draft is invisible")
  t.equal((await collegeRecommendations(app, world.coordinator.token, draft['id'])).statusCode, 404, 'coordinators do not see drafts')
  t.equal((await collegeRecommendations(app, otherCoordinator.token, order['id'])).statusCode, 404, "another alliance's coordinator")
  t.equal((await collegeRecommendations(app, world.enterprise.token, '0190f0f0-0000-7000-8000-000000000000')).statusCode, 404, 'absent')
  t.equal((await collegeRecommendations(app, world.admin.token, draft['id'])).statusCode, 200, 'admins read drafts')
  t.equal((await collegeRecommendations(app, null, order['id'])).statusCode, 401)
  t.equal((await collegeRecommendations(app, 'not-a-token', order['id'])).statusCode, 401)
})

await t.test('limit: 1 to 50, default 10; 0, 51 and non-numbers are 400; unknown parameters are 400', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  for (let i = 0; i < 12; i++) await addCollege(app, world, { name: `学院 ${i}`, specialties: ['数控'] })
  const order = await openOrder(app, world.enterprise)
  t.equal((await collegeRecommendations(app, world.enterprise.token, order['id'])).json().items.length, 10, 'default 10')
  t.equal((await collegeRecommendations(app, world.enterprise.token, order['id'], '?limit=1')).json().items.length, 1)
  t.equal((await collegeRecommendations(app, world.enterprise.token, order['id'], '?limit=50')).json().items.length, 12)
  for (const bad of ['?limit=0', '?limit=51', '?limit=abc', '?limit=2.5', '?sort=score']) {
    const res = await collegeRecommendations(app, world.enterprise.token, order['id'], bad)
    t.equal(res.statusCode, 400, bad)
    t.equal(res.json().code, 'validation_failed')
  }
  const feedCollege = await addCollege(app, world, { name: '馈送学院', specialties: ['数控'] })
  for (let i = 0; i < 11; i++) await openOrder(app, world.enterprise, { title: `订单 ${i}` })
  t.equal((await orderRecommendations(app, feedCollege.token)).json().items.length, 10, 'feed default 10')
  t.equal((await orderRecommendations(app, feedCollege.token, '?limit=3')).json().items.length, 3)
  for (const bad of ['?limit=0', '?limit=51']) t.equal((await orderRecommendations(app, feedCollege.token, bad)).statusCode, 400, `feed ${bad}`)
  t.equal((await collegeRecommendations(app, world.enterprise.token, 'bad id!')).statusCode, 400, 'malformed id')
})

await t.test('the college feed is for colleges only', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '学院', specialties: ['数控'] })
  await openOrder(app, world.enterprise)
  t.equal((await orderRecommendations(app, college.token)).statusCode, 200)
  for (const [who, session] of [['enterprise', world.enterprise], ['coordinator', world.coordinator], ['admin', world.admin]] as const) {
    const res = await orderRecommendations(app, session.token)
    t.equal(res.statusCode, 403, who)
    t.equal(res.json().code, 'forbidden')
  }
  t.equal((await orderRecommendations(app, null)).statusCode, 401)
  const outsider = await registerOrg(app, 'college', { name: '未入盟学院' })
  const empty = await orderRecommendations(app, outsider.token)
  t.equal(empty.statusCode, 200, 'a college without alliances')
  t.same(empty.json(), { items: [] })
})
