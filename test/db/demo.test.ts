// Demo data: seeded on a fresh database outside production, and every demo login the README lists works.
import t from 'tap'
import { buildTestApp, api, login } from '../helper.ts'
import { DEMO_PASSWORD, DEMO_ADMIN, DEMO_COORDINATORS, DEMO_ORGANIZATIONS, DEMO_TEAM } from '../../src/seed/demo.ts'

t.test('every demo login works and has the role, organization and alliances it is listed with', async (t) => {
  const app = await buildTestApp(t, { DEMO_DATA: 'true' })
  const admin = await login(app, DEMO_ADMIN.email, DEMO_PASSWORD)
  t.match((await api(app, admin.token, { method: 'GET', url: '/v1/me' })).json(), { user: { role: 'admin', name: DEMO_ADMIN.name }, organization: null })

  for (const coordinator of DEMO_COORDINATORS) {
    const session = await login(app, coordinator.email, DEMO_PASSWORD)
    const me = (await api(app, session.token, { method: 'GET', url: '/v1/me' })).json()
    t.equal(me.user.role, 'coordinator', coordinator.email)
    t.same(me.alliances.map((a: { code: string }) => a.code), [coordinator.alliance])
    const memberships = await api(app, session.token, { method: 'GET', url: `/v1/alliances/${coordinator.alliance}/memberships?status=active` })
    t.equal(memberships.statusCode, 200)
    const expected = DEMO_ORGANIZATIONS.filter((o) => o.alliances.includes(coordinator.alliance)).map((o) => o.org.name).sort()
    t.same(memberships.json().items.map((m: { organization: { name: string } }) => m.organization.name).sort(), expected, `${coordinator.alliance} members`)
  }

  for (const demo of DEMO_ORGANIZATIONS) {
    const session = await login(app, demo.email, DEMO_PASSWORD)
    const me = (await api(app, session.token, { method: 'GET', url: '/v1/me' })).json()
    t.equal(me.user.role, demo.org.kind, demo.email)
    t.equal(me.organization.name, demo.org.name)
    t.same(me.memberships.map((m: { allianceCode: string, status: string }) => [m.allianceCode, m.status]).sort(), demo.alliances.map((code) => [code, 'active']).sort())
    t.equal(me.user.orgRole, 'owner', `${demo.email} owns its organization`)
  }

  for (const person of DEMO_TEAM) {
    const session = await login(app, person.email, DEMO_PASSWORD)
    const me = (await api(app, session.token, { method: 'GET', url: '/v1/me' })).json()
    const organization = DEMO_ORGANIZATIONS.find((o) => o.key === person.organization)!
    t.equal(me.organization.name, organization.org.name, `${person.email} works for ${organization.org.name}`)
    t.equal(me.user.orgRole, person.orgRole)
    const members = await api(app, session.token, { method: 'GET', url: `/v1/organizations/${me.organization.id}/members` })
    t.same(members.json().items.map((m: { email: string }) => m.email).sort(), [organization.email, ...DEMO_TEAM.filter((p) => p.organization === person.organization).map((p) => p.email)].sort())
  }

  const alliances = (await app.inject({ method: 'GET', url: '/v1/alliances' })).json().items as { code: string, memberCount: number }[]
  for (const alliance of alliances) {
    t.equal(alliance.memberCount, DEMO_ORGANIZATIONS.filter((o) => o.alliances.includes(alliance.code)).length, `${alliance.code} member count`)
  }
  const wrong = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: DEMO_ADMIN.email, password: 'not-the-demo-password' } })
  t.equal(wrong.statusCode, 401)
})

t.test('no demo data when DEMO_DATA=false', async (t) => {
  const app = await buildTestApp(t, { DEMO_DATA: 'false' })
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: DEMO_ADMIN.email, password: DEMO_PASSWORD } })
  t.equal(res.statusCode, 401)
  t.same(await app.data.get('select count(*) as n from organizations'), { n: 0 })
})

t.test('ADMIN_EMAIL may be the demo admin: the start does not fail and that password works', async (t) => {
  const app = await buildTestApp(t, { DEMO_DATA: 'true', ADMIN_EMAIL: DEMO_ADMIN.email, ADMIN_PASSWORD: 'an-operator-chosen-passphrase' })
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: DEMO_ADMIN.email, password: 'an-operator-chosen-passphrase' } })).statusCode, 200)
  t.same(await app.data.get("select count(*) as n from users where role = 'admin'"), { n: 1 })
  await login(app, DEMO_COORDINATORS[0]!.email, DEMO_PASSWORD)
})

t.test('the demo market: orders in every state, as the README describes them', async (t) => {
  const app = await buildTestApp(t, { DEMO_DATA: 'true' })
  const autoparts = await login(app, 'hr@autoparts.demo.talent-orders.cn', DEMO_PASSWORD)
  const mine = (await api(app, autoparts.token, { method: 'GET', url: '/v1/orders?mine=true' })).json().items as { title: string, status: string, bidCount?: number }[]
  t.same(mine.map((o) => [o.title, o.status]).sort(), [
    ['新能源电驱壳体装配工', 'draft'],
    ['数控车床操作工定向培养', 'open'],
    ['汽车零部件焊工培训 Welders for gearbox brackets', 'evaluating'],
    ['PLC 电气装调工 Electrical fitters for the gearbox line', 'evaluating'],
    ['变速箱支架焊工（上一期）', 'awarded']
  ].sort())
  t.equal(mine.find((o) => o.status === 'open')?.bidCount, 1, 'one sealed bid on the open order')
  t.equal(mine.find((o) => o.title.startsWith('汽车零部件焊工'))?.bidCount, 2)

  const coordinator = await login(app, 'coordinator.equipment@demo.talent-orders.cn', DEMO_PASSWORD)
  const proposed = (await api(app, coordinator.token, { method: 'GET', url: '/v1/matches?status=proposed' })).json().items as { seats: number }[]
  t.equal(proposed.length, 1, 'a proposed match waits for the equipment coordinator')
  t.equal(proposed[0]?.seats, 10)

  const alloy = await login(app, 'hr@alloy.demo.talent-orders.cn', DEMO_PASSWORD)
  const alloyOrders = (await api(app, alloy.token, { method: 'GET', url: '/v1/orders?mine=true' })).json().items as { status: string }[]
  t.same(alloyOrders.map((o) => o.status), ['awarded'])
  const polytechnic = await login(app, 'admissions@polytechnic.demo.talent-orders.cn', DEMO_PASSWORD)
  const cohorts = (await api(app, polytechnic.token, { method: 'GET', url: '/v1/cohorts' })).json().items as { status: string, seats: number }[]
  t.same(cohorts.map((c) => [c.status, c.seats]).sort(), [['completed', 10], ['planned', 12]], 'a planned cohort from the approved match, and last season\'s')

  const chemicals = await login(app, 'hr@chemicals.demo.talent-orders.cn', DEMO_PASSWORD)
  const chemOrders = (await api(app, chemicals.token, { method: 'GET', url: '/v1/orders?mine=true' })).json().items as { status: string, bidCount?: number }[]
  t.same(chemOrders.map((o) => o.status).sort(), ['awarded', 'open'])
  t.equal(chemOrders.find((o) => o.status === 'open')?.bidCount, 1)
})

t.test('the demo history: one enterprise kept its promise to hire, one broke it; the equipment alliance has targets', async (t) => {
  const app = await buildTestApp(t, { DEMO_DATA: 'true' })
  const polytechnic = await login(app, 'admissions@polytechnic.demo.talent-orders.cn', DEMO_PASSWORD)
  const me = async (email: string) => (await api(app, (await login(app, email, DEMO_PASSWORD)).token, { method: 'GET', url: '/v1/me' })).json().organization.id as string
  const record = async (id: string) => (await api(app, polytechnic.token, { method: 'GET', url: `/v1/organizations/${id}` })).json().trackRecord
  t.same(await record(await me('hr@autoparts.demo.talent-orders.cn')), { ordersAwarded: 1, promised: 8, hired: 8, promiseKeptRate: 1 }, 'kept')
  t.same(await record(await me('hr@chemicals.demo.talent-orders.cn')), { ordersAwarded: 1, promised: 15, hired: 3, promiseKeptRate: 0.2 }, 'broken')
  t.same(await record(await me('admissions@polytechnic.demo.talent-orders.cn')),
    { cohortsCompleted: 1, enrolled: 10, completed: 9, hired: 8, completionRate: 0.9, hireRate: 8 / 9 })
  const coordinator = await login(app, 'coordinator.equipment@demo.talent-orders.cn', DEMO_PASSWORD)
  const year = app.testClock.now().getUTCFullYear()
  const targets = await api(app, coordinator.token, { method: 'GET', url: `/v1/alliances/equipment/targets/${year}` })
  t.equal(targets.statusCode, 200, targets.body)
  t.match(targets.json(), { year, targets: { ordersAwarded: 4, seatsCompleted: 40, hires: 30, promiseKeptRate: 0.8 } })
})

t.test('the demo tendering: questions on the open order, an amended order waiting for confirmation, a complaint in its standstill', async (t) => {
  const app = await buildTestApp(t, { DEMO_DATA: 'true', STANDSTILL_SECONDS: '432000' })
  const techschool = await login(app, 'office@techschool.demo.talent-orders.cn', DEMO_PASSWORD)
  const autoparts = await login(app, 'hr@autoparts.demo.talent-orders.cn', DEMO_PASSWORD)
  const open = ((await api(app, autoparts.token, { method: 'GET', url: '/v1/orders?mine=true&status=open' })).json().items as { id: string }[])[0]!
  const questions = (await api(app, techschool.token, { method: 'GET', url: `/v1/orders/${open.id}/questions` })).json().items as { mine: boolean, answer: string | null }[]
  t.same(questions.map((q) => [q.mine, q.answer !== null]), [[true, true], [false, false]], 'one answered (asked by Eastport), one waiting')

  const chemcollege = await login(app, 'admissions@chemcollege.demo.talent-orders.cn', DEMO_PASSWORD)
  const chemBids = (await api(app, chemcollege.token, { method: 'GET', url: '/v1/bids' })).json().items as { status: string }[]
  t.same(chemBids.map((b) => b.status).sort(), ['accepted', 'needs_confirmation'], "the amended order asks its bidder to confirm (beside last season's accepted bid)")
  const chemicals = await login(app, 'hr@chemicals.demo.talent-orders.cn', DEMO_PASSWORD)
  const chemOrder = ((await api(app, chemicals.token, { method: 'GET', url: '/v1/orders?mine=true' })).json().items as { id: string, headcount: number }[])[0]!
  t.equal(chemOrder.headcount, 30)
  const timeline = (await api(app, chemicals.token, { method: 'GET', url: `/v1/orders/${chemOrder.id}/events` })).json().items as { type: string }[]
  t.ok(timeline.some((e) => e.type === 'order.amended'))

  const coordinator = await login(app, 'coordinator.equipment@demo.talent-orders.cn', DEMO_PASSWORD)
  const complaints = (await api(app, coordinator.token, { method: 'GET', url: '/v1/complaints?status=pending' })).json().items as { complainant?: { name: string } }[]
  t.match(complaints, [{ complainant: { name: '宁波机电职业技术学院' } }], 'a pending complaint for the equipment coordinator')
})
