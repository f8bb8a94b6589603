// Filing and deciding complaints over HTTP: who may complain, until when, on which matches; who decides, once.
import t from 'tap'
import { api, buildTestApp } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { evaluatingOrder, orderAction, proposeMatch, submitBid, openOrder } from '../../helpers/market.ts'
import { approvedMatch, complain, complaintMarket, decide, filed, getJson, HOUR, STANDSTILL } from './fixture.ts'

t.test('an approval opens the standstill; a losing bidder complains; parties get 403, the rest 404', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const approvedAt = app.testClock.now()
  const { match, matchId, order } = await approvedMatch(app, f)
  t.equal(match['standstillUntil'], new Date(approvedAt.getTime() + HOUR).toISOString(), 'approval time + STANDSTILL_SECONDS')

  const reason = '中标学院仅有 6 台数控车床，无法保证 5 名学员同时实操；请核查实训场地。'
  const res = await complain(app, f.rival, matchId, reason)
  t.equal(res.statusCode, 201, res.body)
  const complaint = res.json()
  t.match(complaint, { matchId, orderId: order['id'], status: 'pending', reason, filedAt: approvedAt.toISOString(), decision: null, decidedAt: null, mine: true })
  t.notOk('complainant' in complaint, 'the complainant is not named to itself either')
  t.equal(res.headers['location'], `/v1/complaints/${String(complaint.id)}`)

  assertProblem(t, await complain(app, f.college, matchId), 403, 'forbidden', 'the matched college')
  assertProblem(t, await complain(app, f.enterprise, matchId), 403, 'forbidden', 'the owner')
  assertProblem(t, await complain(app, f.coordinator, matchId), 403, 'forbidden', 'the coordinator')
  assertProblem(t, await complain(app, f.admin, matchId), 403, 'forbidden', 'an admin')
  assertProblem(t, await complain(app, f.bystander, matchId), 404, 'not_found', 'a member college that did not bid')
  assertProblem(t, await complain(app, f.outsider, matchId), 404, 'not_found', 'a college outside the alliance')
  assertProblem(t, await complain(app, f.otherCoordinator, matchId), 404, 'not_found', "another alliance's coordinator")
  assertProblem(t, await complain(app, f.rival, '0190c6a2-0000-7000-8000-000000000000'), 404, 'not_found', 'an unknown match')
  assertProblem(t, await complain(app, f.rival, matchId), 409, 'duplicate_complaint', 'one complaint per college and match')
  assertProblem(t, await api(app, f.second.token, { method: 'POST', url: `/v1/matches/${matchId}/complaints`, payload: { reason: ' ' } }), 400)
  assertProblem(t, await api(app, f.second.token, { method: 'POST', url: `/v1/matches/${matchId}/complaints`, payload: { reason: '价格', extra: 1 } }), 400)
  t.equal((await api(app, null, { method: 'POST', url: `/v1/matches/${matchId}/complaints`, payload: { reason } })).statusCode, 401)
  t.equal((await complain(app, f.second, matchId)).statusCode, 201, 'the other losing bidder complains too')
})

t.test('complaints close at standstillUntil, and never open with STANDSTILL_SECONDS=0', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { match, matchId } = await approvedMatch(app, f)
  const until = new Date(String(match['standstillUntil'])).getTime()
  app.testClock.set(new Date(until - 1).toISOString())
  t.equal((await complain(app, f.rival, matchId)).statusCode, 201, '1 ms before the end')
  app.testClock.set(new Date(until).toISOString())
  assertProblem(t, await complain(app, f.second, matchId), 409, 'standstill_over', 'at standstillUntil')
  app.testClock.advance(HOUR)
  assertProblem(t, await complain(app, f.second, matchId), 409, 'standstill_over', 'after it')

  const none = await buildTestApp(t, { STANDSTILL_SECONDS: '0' })
  const g = await complaintMarket(none)
  const approved = await approvedMatch(none, g)
  t.equal(approved.match['standstillUntil'], approved.match['decidedAt'], 'no standstill: it ends at the approval')
  assertProblem(t, await complain(none, g.rival, approved.matchId), 409, 'standstill_over', 'no complaints without a standstill')
})

t.test('only an approved match of a live order is complained about', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { order, bids } = await evaluatingOrder(app, f.enterprise, [f.college, f.rival])
  const proposed = (await proposeMatch(app, f.enterprise, order['id'], bids[0]!['id'], 2)).json()
  assertProblem(t, await complain(app, f.rival, proposed.id), 404, 'not_found', 'a proposed match is no award notice: other bidders do not see it')
  assertProblem(t, await complain(app, f.college, proposed.id), 403, 'forbidden', 'its own college')

  const { matchId, order: cancelled } = await approvedMatch(app, f)
  t.equal((await orderAction(app, f.enterprise, cancelled['id'], 'cancel', { reason: '产线搬迁，订单取消。' })).statusCode, 200)
  assertProblem(t, await complain(app, f.rival, matchId), 409, 'order_cancelled')

  const revoked = await approvedMatch(app, f)
  const id = await filed(app, f.rival, revoked.matchId)
  t.equal((await decide(app, f.coordinator, id, 'uphold')).statusCode, 200)
  t.equal((await getJson(app, f.second, `/v1/matches/${revoked.matchId}`))['status'], 'revoked', 'a revoked match stays an award notice')
  assertProblem(t, await complain(app, f.second, revoked.matchId), 409, 'match_not_approved')
})

t.test('a college that withdrew its bid is no bidder any more: 404', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const order = await openOrder(app, f.enterprise)
  const winner = await submitBid(app, f.college, order['id'])
  const quitter = await submitBid(app, f.rival, order['id'])
  t.equal((await api(app, f.rival.token, { method: 'POST', url: `/v1/bids/${String(quitter['id'])}/withdraw` })).statusCode, 200)
  await orderAction(app, f.enterprise, order['id'], 'close-bidding')
  const proposed = (await proposeMatch(app, f.enterprise, order['id'], winner['id'], 3)).json()
  t.equal((await api(app, f.coordinator.token, { method: 'POST', url: `/v1/matches/${String(proposed.id)}/approve` })).statusCode, 200)
  assertProblem(t, await api(app, f.rival.token, { method: 'GET', url: `/v1/matches/${String(proposed.id)}` }), 404, 'not_found', 'no award notice')
  assertProblem(t, await complain(app, f.rival, proposed.id), 404)
})

t.test('the coordinator dismisses or upholds once; parties who see it get 403, others 404', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { matchId } = await approvedMatch(app, f)
  const id = await filed(app, f.rival, matchId)
  for (const [who, session] of [['owner', f.enterprise], ['matched college', f.college], ['complainant', f.rival], ['admin', f.admin]] as const) {
    assertProblem(t, await decide(app, session, id, 'dismiss'), 403, 'forbidden', `${who} dismissing`)
    assertProblem(t, await decide(app, session, id, 'uphold'), 403, 'forbidden', `${who} upholding`)
  }
  for (const [who, session] of [['bystander', f.bystander], ['other bidder', f.second], ['outsider', f.outsider], ['other coordinator', f.otherCoordinator]] as const) {
    assertProblem(t, await decide(app, session, id, 'dismiss'), 404, 'not_found', `${who} dismissing`)
    assertProblem(t, await decide(app, session, id, 'uphold'), 404, 'not_found', `${who} upholding`)
  }
  assertProblem(t, await api(app, f.coordinator.token, { method: 'POST', url: `/v1/complaints/${id}/dismiss`, payload: {} }), 400, 'validation_failed', 'a decision is required')
  const decision = '经现场核查，实训设备满足要求，投诉不成立。'
  const dismissed = await decide(app, f.coordinator, id, 'dismiss', decision)
  t.equal(dismissed.statusCode, 200, dismissed.body)
  t.match(dismissed.json(), { id, status: 'dismissed', decision, decidedAt: app.testClock.now().toISOString(), complainant: { id: f.rival.organizationId, name: '宁波甬江职业技术学院' } })
  assertProblem(t, await decide(app, f.coordinator, id, 'dismiss'), 409, 'already_decided')
  assertProblem(t, await decide(app, f.coordinator, id, 'uphold'), 409, 'already_decided')
  t.equal((await getJson(app, f.college, `/v1/matches/${matchId}`))['status'], 'approved', 'a dismissal leaves the match as it was')

  const other = await filed(app, f.second, matchId)
  const upheld = await decide(app, f.coordinator, other, 'uphold')
  t.equal(upheld.statusCode, 200, upheld.body)
  t.match(upheld.json(), { status: 'upheld', decision: '经核查，投诉事项属实。' })
  assertProblem(t, await decide(app, f.coordinator, other, 'uphold'), 409, 'already_decided')
  assertProblem(t, await decide(app, f.coordinator, other, 'dismiss'), 409, 'already_decided')
})
