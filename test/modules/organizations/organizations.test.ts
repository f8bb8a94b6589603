// Organizations: public profiles for signed-in users (filters, search, paging) and edits by their own members.
import t from 'tap'
import { buildTestApp, api, loginAdmin, registerOrg, createCoordinator, joinAlliance } from '../../helper.ts'
import { assertProblem, errorPaths } from '../../helpers/foundation.ts'
import type { TestApp } from '../../helper.ts'

type Org = { id: string, name: string, kind: string }
const names = (body: { items: Org[] }) => body.items.map((o) => o.name)
const list = async (app: TestApp, token: string, query = '') => {
  const res = await api(app, token, { method: 'GET', url: `/v1/organizations${query}` })
  if (res.statusCode !== 200) throw new Error(`list failed: ${res.statusCode} ${res.body}`)
  return res.json() as { items: Org[], nextCursor: string | null }
}

async function world (app: TestApp) {
  const coordinator = await createCoordinator(app, ['equipment', 'petrochemical'])
  app.testClock.advance(1000)
  const autoparts = await registerOrg(app, 'enterprise', { name: '宁波精工汽车零部件有限公司', city: '宁波', industry: 'auto parts' })
  app.testClock.advance(1000)
  const chemicals = await registerOrg(app, 'enterprise', { name: '镇海芳烃精细化工', city: '宁波' })
  app.testClock.advance(1000)
  const polytechnic = await registerOrg(app, 'college', { name: '宁波机电职业技术学院', specialties: ['数控', '焊接'], annualCapacity: 600 })
  app.testClock.advance(1000)
  const eastport = await registerOrg(app, 'college', { name: 'Eastport Technical School', city: 'Zhoushan', specialties: ['welding'] })
  await joinAlliance(app, autoparts, coordinator, 'equipment')
  await joinAlliance(app, polytechnic, coordinator, 'equipment')
  await joinAlliance(app, chemicals, coordinator, 'petrochemical')
  const pending = await api(app, eastport.token, { method: 'POST', url: '/v1/alliances/equipment/memberships' })
  if (pending.statusCode !== 201) throw new Error('membership request failed')
  return { coordinator, autoparts, chemicals, polytechnic, eastport }
}

await t.test('any signed-in user lists public profiles, filtered by kind, alliance and q', async (t) => {
  const app = await buildTestApp(t)
  const { coordinator, autoparts, polytechnic, eastport } = await world(app)
  const admin = await loginAdmin(app)
  for (const caller of [autoparts, eastport, coordinator, admin]) {
    t.same(names(await list(app, caller.token)), ['Eastport Technical School', '宁波机电职业技术学院', '镇海芳烃精细化工', '宁波精工汽车零部件有限公司'], 'newest first')
  }
  t.same(names(await list(app, autoparts.token, '?kind=college')), ['Eastport Technical School', '宁波机电职业技术学院'])
  t.same(names(await list(app, autoparts.token, '?kind=enterprise')), ['镇海芳烃精细化工', '宁波精工汽车零部件有限公司'])
  t.same(names(await list(app, autoparts.token, '?alliance=equipment')), ['宁波机电职业技术学院', '宁波精工汽车零部件有限公司'], 'active members only')
  t.same(names(await list(app, autoparts.token, '?alliance=equipment&kind=college')), ['宁波机电职业技术学院'])
  t.same(names(await list(app, autoparts.token, '?alliance=aluminum')), [])
  t.same(names(await list(app, autoparts.token, '?alliance=no-such-alliance')), [], 'an unknown alliance filters everything out')
  t.same(names(await list(app, autoparts.token, `?q=${encodeURIComponent('宁波')}`)), ['宁波机电职业技术学院', '镇海芳烃精细化工', '宁波精工汽车零部件有限公司'], 'Chinese search matches names and cities')
  t.same(names(await list(app, autoparts.token, `?q=${encodeURIComponent('职业技术')}&kind=college`)), ['宁波机电职业技术学院'])
  t.same(names(await list(app, autoparts.token, '?q=eastport')), ['Eastport Technical School'], 'English search ignores letter case')
  t.same(names(await list(app, autoparts.token, '?q=TECHNICAL%20school')), ['Eastport Technical School'])
  t.same(names(await list(app, autoparts.token, `?q=${encodeURIComponent('焊接')}`)), ['宁波机电职业技术学院'], 'a college is found by its specialties')
  t.same(names(await list(app, autoparts.token, '?q=auto%20parts')), ['宁波精工汽车零部件有限公司'], 'an enterprise is found by its industry')
  t.same(names(await list(app, autoparts.token, '?q=100%25')), [], 'LIKE wildcards are literal')
  t.same(names(await list(app, autoparts.token, '?q=_')), [])

  const profile = (await list(app, autoparts.token, '?kind=college&alliance=equipment')).items[0]
  t.match(profile, { id: polytechnic.organizationId, kind: 'college', specialties: ['数控', '焊接'], annualCapacity: 600, alliances: ['equipment'], city: null, description: null, createdAt: String, updatedAt: String })
  t.notOk('industry' in (profile as object), 'colleges have no industry field')
  t.notOk('email' in (profile as object), 'no private fields')

  await joinAlliance(app, polytechnic, coordinator, 'petrochemical')
  const listed = await list(app, autoparts.token, '?kind=college')
  t.same(listed.items.map((o) => [o.name, (o as Org & { alliances: string[] }).alliances]), [['Eastport Technical School', []], ['宁波机电职业技术学院', ['equipment', 'petrochemical']]], 'each profile in a page carries its own active alliances')

  assertProblem(t, await app.inject({ method: 'GET', url: '/v1/organizations' }), 401, 'unauthenticated')
  for (const bad of ['?kind=school', '?alliance=Bad_Code', '?q=', `?q=${'x'.repeat(101)}`, '?limit=0', '?limit=101', '?cursor=zzz', '?owner=me']) {
    assertProblem(t, await api(app, autoparts.token, { method: 'GET', url: `/v1/organizations${bad}` }), 400, 'validation_failed', bad)
  }
})

await t.test('the organization list pages with a stable cursor', async (t) => {
  const app = await buildTestApp(t)
  const created: string[] = []
  for (let i = 0; i < 7; i++) {
    app.testClock.advance(1000)
    created.push((await registerOrg(app, i % 2 ? 'college' : 'enterprise', { name: `单位 ${i}` })).organizationId)
  }
  const viewer = await registerOrg(app, 'enterprise', { name: 'viewer' })
  const seen: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const page = await list(app, viewer.token, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
    seen.push(...page.items.map((o) => o.id))
    cursor = page.nextCursor
    if (++pages === 1) await registerOrg(app, 'college', { name: 'added while paging' })
  } while (cursor !== null && pages < 10)
  t.equal(pages, 3)
  t.same(seen, [viewer.organizationId, ...[...created].reverse()], 'every organization once, newest first')
})

await t.test('GET /organizations/{id}: the public profile; 404 unknown; 400 bad id; 401', async (t) => {
  const app = await buildTestApp(t)
  const { autoparts, eastport, coordinator } = await world(app)
  for (const caller of [autoparts, eastport, coordinator]) {
    const res = await api(app, caller.token, { method: 'GET', url: `/v1/organizations/${autoparts.organizationId}` })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { id: autoparts.organizationId, kind: 'enterprise', name: '宁波精工汽车零部件有限公司', city: '宁波', industry: 'auto parts', alliances: ['equipment'] })
    t.notOk('specialties' in res.json())
  }
  const pendingOnly = await api(app, autoparts.token, { method: 'GET', url: `/v1/organizations/${eastport.organizationId}` })
  t.same(pendingOnly.json().alliances, [], 'a pending request is not shown as membership')
  assertProblem(t, await api(app, autoparts.token, { method: 'GET', url: '/v1/organizations/0190a6c2-0000-7000-8000-000000000000' }), 404, 'not_found')
  assertProblem(t, await api(app, autoparts.token, { method: 'GET', url: '/v1/organizations/not%20an%20id' }), 400, 'validation_failed')
  assertProblem(t, await app.inject({ method: 'GET', url: `/v1/organizations/${autoparts.organizationId}` }), 401, 'unauthenticated')
})

await t.test('PATCH /organizations/{id}: its members edit; others 403; unknown 404; bad input 400', async (t) => {
  const app = await buildTestApp(t)
  const { autoparts, polytechnic, coordinator } = await world(app)
  const admin = await loginAdmin(app)
  const url = `/v1/organizations/${polytechnic.organizationId}`
  app.testClock.advance(3_600_000)
  const patch = { name: '宁波机电职业技术学院（北仑校区）', city: '宁波', description: '数控与焊接 / CNC and welding', specialties: ['数控', '焊接', 'PLC'], annualCapacity: 800 }
  const res = await api(app, polytechnic.token, { method: 'PATCH', url, payload: patch })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { ...patch, kind: 'college', alliances: ['equipment'], updatedAt: '2027-01-10T09:00:04.000Z' })
  t.not(res.json().createdAt, res.json().updatedAt)
  const stored = await api(app, autoparts.token, { method: 'GET', url })
  t.match(stored.json(), patch, 'read back by another user')

  const cleared = await api(app, polytechnic.token, { method: 'PATCH', url, payload: { city: null, description: null, annualCapacity: null } })
  t.equal(cleared.statusCode, 200)
  t.match(cleared.json(), { city: null, description: null, annualCapacity: null, name: patch.name, specialties: patch.specialties })

  const enterpriseUrl = `/v1/organizations/${autoparts.organizationId}`
  const enterprisePatch = await api(app, autoparts.token, { method: 'PATCH', url: enterpriseUrl, payload: { industry: '汽车零部件', name: '  宁波精工  ' } })
  t.equal(enterprisePatch.statusCode, 200)
  t.match(enterprisePatch.json(), { industry: '汽车零部件', name: '宁波精工' }, 'names are trimmed')

  for (const caller of [autoparts, coordinator, admin]) {
    assertProblem(t, await api(app, caller.token, { method: 'PATCH', url, payload: { name: 'hijacked' } }), 403, 'forbidden')
  }
  assertProblem(t, await app.inject({ method: 'PATCH', url, payload: { name: 'x' } }), 401, 'unauthenticated')
  assertProblem(t, await api(app, polytechnic.token, { method: 'PATCH', url: '/v1/organizations/0190a6c2-0000-7000-8000-000000000000', payload: { name: 'x' } }), 404, 'not_found')

  const kind = await api(app, polytechnic.token, { method: 'PATCH', url, payload: { kind: 'enterprise' } })
  assertProblem(t, kind, 400, 'validation_failed', 'kind never changes')
  t.same(kind.json().errors, [{ path: '/kind', message: 'unknown field' }])
  const collegeOnly = await api(app, autoparts.token, { method: 'PATCH', url: enterpriseUrl, payload: { specialties: ['数控'] } })
  assertProblem(t, collegeOnly, 422, 'field_not_for_kind')
  t.same(errorPaths(collegeOnly), ['/specialties'])
  t.same(errorPaths(await api(app, autoparts.token, { method: 'PATCH', url: enterpriseUrl, payload: { annualCapacity: 10 } })), ['/annualCapacity'])
  t.same(errorPaths(await api(app, polytechnic.token, { method: 'PATCH', url, payload: { industry: 'x' } })), ['/industry'])
  const bad: unknown[] = [{}, { name: '' }, { name: '   ' }, { name: 'n'.repeat(201) }, { annualCapacity: -1 }, { annualCapacity: '600' }, { annualCapacity: true },
    { specialties: ['a', 'a'] }, { specialties: ['x'.repeat(61)] }, { specialties: Array.from({ length: 51 }, (_, i) => `s${i}`) }, { description: 'd'.repeat(10_001) }, { id: 'x' }, { createdAt: '2020-01-01T00:00:00Z' }]
  for (const payload of bad) {
    assertProblem(t, await api(app, polytechnic.token, { method: 'PATCH', url, payload: payload as object }), 400, 'validation_failed', JSON.stringify(payload).slice(0, 60))
  }
  assertProblem(t, await api(app, polytechnic.token, { method: 'PATCH', url }), 400, 'validation_failed', 'an empty PATCH changes nothing and says so')
  const after = await api(app, polytechnic.token, { method: 'GET', url })
  t.match(after.json(), { kind: 'college', name: patch.name, specialties: patch.specialties, annualCapacity: null }, 'nothing changed by the refused edits')
})
