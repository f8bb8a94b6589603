// Demo data: seeded on a fresh database outside production, and every demo login the README lists works.
import t from 'tap'
import { buildTestApp, api, login } from '../helper.ts'
import { DEMO_PASSWORD, DEMO_ADMIN, DEMO_COORDINATORS, DEMO_ORGANIZATIONS } from '../../src/seed/demo.ts'

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
  t.equal((app.sqlite.prepare('select count(*) as n from organizations').get() as { n: number }).n, 0)
})
