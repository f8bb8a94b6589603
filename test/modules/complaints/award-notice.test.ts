// Who reads what: award notices for the other bidders, complaints for the concerned, the complainant only for coordinators and admins.
import t from 'tap'
import { api, buildTestApp, type Session } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { proposeMatch } from '../../helpers/market.ts'
import { approvedMatch, complaintMarket, decide, filed, getJson, STANDSTILL } from './fixture.ts'

type Complaint = { id: string, status: string, mine: boolean, complainant?: { id: string, name: string } }

t.test('an approved match is an award notice to the other bidders; proposed and rejected ones are not', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { order, matchId, match, rivalBid, secondBid } = await approvedMatch(app, f, { seats: 4 })
  const proposed = (await proposeMatch(app, f.enterprise, order['id'], rivalBid['id'], 3)).json()
  const rejected = (await proposeMatch(app, f.enterprise, order['id'], secondBid['id'], 2)).json()
  await api(app, f.coordinator.token, { method: 'POST', url: `/v1/matches/${String(rejected.id)}/reject`, payload: { reason: '报价过高' } })

  const notice = await getJson(app, f.second, `/v1/matches/${matchId}`)
  t.same(notice, { ...match, bidId: null, cohortId: null, note: null }, "the winner's college, seats, status and standstill; not the parties' bid, cohort or note")
  t.match(notice, { college: { id: f.college.organizationId }, seats: 4, status: 'approved', standstillUntil: String })
  const listed = (await getJson(app, f.second, `/v1/matches?orderId=${String(order['id'])}`))['items'] as Array<{ id: string }>
  t.same(listed.map((m) => m.id), [rejected.id, matchId], "its own rejected match and the award notice, not the rival's proposal")
  assertProblem(t, await api(app, f.second.token, { method: 'GET', url: `/v1/matches/${String(proposed.id)}` }), 404, 'not_found', "another college's proposed match")
  t.equal((await api(app, f.second.token, { method: 'GET', url: `/v1/matches/${String(rejected.id)}` })).statusCode, 200, 'its own rejected match')
  assertProblem(t, await api(app, f.college.token, { method: 'GET', url: `/v1/matches/${String(rejected.id)}` }), 404, 'not_found', "another college's rejected match")
  const rivalView = (await getJson(app, f.rival, `/v1/matches?orderId=${String(order['id'])}`))['items'] as Array<{ id: string, bidId: string | null }>
  t.same(rivalView.map((m) => [m.id, m.bidId]), [[proposed.id, rivalBid['id']], [matchId, null]], 'its own proposal in full, the award as a notice')
  t.match(await getJson(app, f.college, `/v1/matches/${matchId}`), { bidId: match['bidId'], cohortId: match['cohortId'], note: '资质齐全' }, 'the parties read it in full')
  for (const [who, session] of [['bystander', f.bystander], ['outsider', f.outsider], ['other coordinator', f.otherCoordinator]] as const) {
    assertProblem(t, await api(app, session.token, { method: 'GET', url: `/v1/matches/${matchId}` }), 404, 'not_found', who)
    t.same((await getJson(app, session, `/v1/matches?orderId=${String(order['id'])}`))['items'], [], `${who}: an empty list`)
  }
})

t.test('complaints are read by the complainant, the parties, coordinators and admins; only the last two learn who complained', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { order, matchId } = await approvedMatch(app, f)
  const id = await filed(app, f.rival, matchId, '评分过程不透明，请公开评审记录。')
  const url = `/v1/complaints/${id}`
  const read = async (session: Session) => (await api(app, session.token, { method: 'GET', url })).json() as Complaint
  t.match(await read(f.rival), { id, status: 'pending', mine: true })
  for (const [who, session] of [['complainant', f.rival], ['owner', f.enterprise], ['matched college', f.college]] as const) {
    t.notOk('complainant' in await read(session), `${who}: no complainant`)
  }
  t.equal((await read(f.college)).mine, false)
  for (const [who, session] of [['coordinator', f.coordinator], ['admin', f.admin]] as const) {
    t.same((await read(session)).complainant, { id: f.rival.organizationId, name: '宁波甬江职业技术学院' }, `${who}: the complainant`)
  }
  for (const [who, session] of [['other bidder', f.second], ['bystander', f.bystander], ['outsider', f.outsider], ['other coordinator', f.otherCoordinator]] as const) {
    assertProblem(t, await api(app, session.token, { method: 'GET', url }), 404, 'not_found', who)
    t.same((await getJson(app, session, '/v1/complaints'))['items'], [], `${who}: an empty list`)
  }
  for (const session of [f.rival, f.enterprise, f.college, f.coordinator, f.admin]) {
    t.same(((await getJson(app, session, `/v1/complaints?orderId=${String(order['id'])}`))['items'] as Complaint[]).map((c) => c.id), [id])
  }
  t.same((await getJson(app, f.coordinator, '/v1/complaints?status=dismissed'))['items'], [], 'filtered by status')
  t.same((await getJson(app, f.coordinator, '/v1/complaints?orderId=0190c6a2-0000-7000-8000-000000000000'))['items'], [], 'filtered by order')
})

t.test('the complainant is named nowhere in what the owner and the matched college read; the timeline keeps it anonymous', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { order, matchId, cohortId } = await approvedMatch(app, f)
  const first = await filed(app, f.rival, matchId)
  const orderUrl = `/v1/orders/${String(order['id'])}`
  t.equal((await decide(app, f.coordinator, first, 'uphold')).statusCode, 200)
  const identities = [f.rival.organizationId, f.rival.userId, '宁波甬江职业技术学院']
  const bodies = async (session: Session, urls: string[]) => (await Promise.all(urls.map((url) => api(app, session.token, { method: 'GET', url })))).map((res) => res.body)
  const owner = await bodies(f.enterprise, [`/v1/complaints/${first}`, '/v1/complaints', `/v1/matches/${matchId}`, `/v1/cohorts/${cohortId}`, orderUrl])
  const matched = await bodies(f.college, [`/v1/complaints/${first}`, '/v1/complaints', `/v1/matches/${matchId}`, `/v1/cohorts/${cohortId}`, '/v1/matches'])
  const events = (await getJson(app, f.enterprise, `${orderUrl}/events?limit=100`))['items'] as Array<{ type: string, actor: { organizationId: string | null, role: string }, data: Record<string, unknown> }>
  // The owner knows its bidders (their bid events): what it must not learn is which of them complained.
  const complaintEvents = events.filter((e) => e.type.startsWith('complaint.') || e.type === 'match.revoked' || e.type === 'cohort.cancelled').map((e) => JSON.stringify(e))
  t.equal(complaintEvents.length, 4)
  for (const body of [...owner, ...matched, ...complaintEvents]) {
    for (const identity of identities) t.notOk(body.includes(identity), `not in ${body.slice(0, 60)}`)
  }
  const filedEvent = events.find((e) => e.type === 'complaint.filed')
  t.match(filedEvent, { actor: { organizationId: null, role: 'college' }, data: { matchId } }, 'the owner reads that a college complained, not which')
  t.ok(events.some((e) => e.type === 'complaint.upheld') && events.some((e) => e.type === 'match.revoked'))
  const coordinatorView = (await getJson(app, f.coordinator, `${orderUrl}/events?limit=100`))['items'] as typeof events
  t.equal(coordinatorView.find((e) => e.type === 'complaint.filed')?.actor.organizationId, f.rival.organizationId, 'the coordinator reads who')
})

t.test('the complaint list pages newest first with a cursor', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const ids: string[] = []
  for (let i = 0; i < 3; i++) {
    const { matchId } = await approvedMatch(app, f)
    app.testClock.advance(1000)
    ids.push(await filed(app, f.rival, matchId))
  }
  const page1 = await getJson(app, f.coordinator, '/v1/complaints?limit=2')
  t.same((page1['items'] as Complaint[]).map((c) => c.id), [ids[2], ids[1]])
  const page2 = await getJson(app, f.coordinator, `/v1/complaints?limit=2&cursor=${String(page1['nextCursor'])}`)
  t.same((page2['items'] as Complaint[]).map((c) => c.id), [ids[0]])
  t.equal(page2['nextCursor'], null)
  t.equal((await getJson(app, f.rival, '/v1/complaints?status=pending'))['items'] instanceof Array, true)
  assertProblem(t, await api(app, f.coordinator.token, { method: 'GET', url: '/v1/complaints?cursor=bm90LWFuLWlk' }), 400)
})
