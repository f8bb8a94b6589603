// Lists carry the context people act on: the order's title and both organizations' names on bids, matches and cohorts; an approval names its cohort.
import t from 'tap'
import { api, buildTestApp, marketFixture, registerOrg, joinAlliance } from '../../helper.ts'
import { evaluatingOrder, proposeMatch } from '../../helpers/market.ts'

type Named = { orderTitle: string, college: { id: string, name: string }, enterprise: { id: string, name: string } }

t.test('bids, matches and cohorts name the order and both organizations; an approved match names its cohort', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const other = await registerOrg(app, 'college', { name: '宁波第二职业技术学院' })
  await joinAlliance(app, other, coordinator, 'equipment')
  const title = '数控车床操作工定向培养班'
  const { order, bids } = await evaluatingOrder(app, enterprise, [college, other], { title })
  const orderId = String(order['id'])
  const enterpriseName = (order['organization'] as { name: string }).name
  const expected = { orderTitle: title, enterprise: { id: enterprise.organizationId, name: enterpriseName } }

  const ownBids = (await api(app, college.token, { method: 'GET', url: '/v1/bids' })).json() as { items: Named[] }
  t.match(ownBids.items, [{ ...expected, college: { id: college.organizationId } }], "the college's own bids")
  const orderBids = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}/bids` })).json() as { items: Named[] }
  t.equal(orderBids.items.length, 2)
  for (const bid of orderBids.items) t.match(bid, expected, 'each bid of the order, for the owner')

  const proposed = await proposeMatch(app, enterprise, orderId, bids[0]!['id'], 3)
  t.match(proposed.json(), { ...expected, college: { id: college.organizationId }, cohortId: null }, 'a proposed match has no cohort yet')
  const approved = await api(app, coordinator.token, { method: 'POST', url: `/v1/matches/${String(proposed.json().id)}/approve` })
  t.equal(approved.statusCode, 200)
  const cohortId = approved.json().cohortId as string
  t.type(cohortId, 'string', 'the approval answer names the new cohort')
  const cohort = await api(app, college.token, { method: 'GET', url: `/v1/cohorts/${cohortId}` })
  t.equal(cohort.statusCode, 200)
  t.match(cohort.json(), { ...expected, matchId: proposed.json().id, college: { id: college.organizationId } })

  for (const session of [enterprise, college, coordinator]) {
    const matches = (await api(app, session.token, { method: 'GET', url: `/v1/matches?orderId=${orderId}` })).json() as { items: Named[] }
    t.match(matches.items, [{ ...expected, cohortId }], 'the match list, for each party')
    const cohorts = (await api(app, session.token, { method: 'GET', url: '/v1/cohorts' })).json() as { items: Named[] }
    t.match(cohorts.items, [{ ...expected, id: cohortId }], 'the cohort list, for each party')
  }
  const notice = (await api(app, other.token, { method: 'GET', url: `/v1/matches?orderId=${orderId}` })).json() as { items: unknown[] }
  t.match(notice.items, [{ ...expected, college: { id: college.organizationId }, seats: 3, bidId: null, cohortId: null }], "another bidder reads the award notice, without the parties' bid and cohort")
  const bystander = await registerOrg(app, 'college', { name: '宁波第三职业技术学院' })
  await joinAlliance(app, bystander, coordinator, 'equipment')
  const outsider = (await api(app, bystander.token, { method: 'GET', url: `/v1/matches?orderId=${orderId}` })).json() as { items: unknown[] }
  t.same(outsider.items, [], 'a college that did not bid reads no match, names included')
})
