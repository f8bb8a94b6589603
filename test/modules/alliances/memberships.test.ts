// Memberships: requests by organizations, listing and decisions by the alliance's coordinators.
import t from 'tap'
import { buildTestApp, api, loginAdmin, registerOrg, createCoordinator } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import type { TestApp } from '../../helper.ts'

const request = (app: TestApp, token: string, code = 'equipment') =>
  api(app, token, { method: 'POST', url: `/v1/alliances/${code}/memberships` })
const decide = (app: TestApp, token: string | null, id: string, action: 'approve' | 'reject', payload?: unknown) =>
  api(app, token, { method: 'POST', url: `/v1/memberships/${id}/${action}`, ...(payload === undefined ? {} : { payload: payload as object }) })
const myMemberships = async (app: TestApp, token: string) => (await api(app, token, { method: 'GET', url: '/v1/me' })).json().memberships
const eventTypes = async (app: TestApp, membershipId: string) =>
  (await app.data.all<{ type: string }>('select type from events where subject_id = ? order by id', [membershipId])).map((r) => r.type)

await t.test('an enterprise or a college requests membership → 201 pending, stored and recorded', async (t) => {
  const app = await buildTestApp(t)
  const enterprise = await registerOrg(app, 'enterprise', { name: '宁波精工汽车零部件' })
  const college = await registerOrg(app, 'college')
  const res = await request(app, enterprise.token)
  t.equal(res.statusCode, 201)
  t.match(res.json(), { id: String, allianceCode: 'equipment', status: 'pending', reason: null, decidedAt: null, createdAt: '2027-01-10T08:00:00.000Z', organization: { id: enterprise.organizationId, name: '宁波精工汽车零部件', kind: 'enterprise' } })
  t.same(await myMemberships(app, enterprise.token), [{ id: res.json().id, allianceCode: 'equipment', status: 'pending', reason: null }], 'read back through /me')
  t.same(await eventTypes(app, res.json().id), ['membership.requested'])
  const fromCollege = await request(app, college.token, 'aluminum')
  t.equal(fromCollege.statusCode, 201)
  t.equal(fromCollege.json().organization.kind, 'college')
  t.equal(fromCollege.json().allianceCode, 'aluminum')
  const emptyJson = await api(app, college.token, { method: 'POST', url: '/v1/alliances/equipment/memberships', headers: { 'content-type': 'application/json' }, payload: '' })
  t.equal(emptyJson.statusCode, 201, 'an empty body with a JSON content type is accepted')
  const explicitEmpty = await api(app, enterprise.token, { method: 'POST', url: '/v1/alliances/petrochemical/memberships', payload: {} })
  t.equal(explicitEmpty.statusCode, 201, 'an empty object is accepted')
})

await t.test('membership requests: 401, 403 for accounts without an organization, 404 unknown alliance, 400 bad input', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const coordinator = await createCoordinator(app, ['equipment'])
  const enterprise = await registerOrg(app, 'enterprise')
  assertProblem(t, await app.inject({ method: 'POST', url: '/v1/alliances/equipment/memberships' }), 401, 'unauthenticated')
  assertProblem(t, await request(app, coordinator.token), 403, 'forbidden')
  assertProblem(t, await request(app, admin.token), 403, 'forbidden')
  assertProblem(t, await request(app, enterprise.token, 'no-such-alliance'), 404, 'not_found')
  assertProblem(t, await request(app, enterprise.token, 'Bad_Code'), 400, 'validation_failed')
  const withField = await api(app, enterprise.token, { method: 'POST', url: '/v1/alliances/equipment/memberships', payload: { status: 'active' } })
  assertProblem(t, withField, 400, 'validation_failed')
  t.same(withField.json().errors, [{ path: '/status', message: 'unknown field' }])
  t.same(await myMemberships(app, enterprise.token), [], 'nothing was stored')
})

await t.test('a duplicate pending or active request is a 409; after a rejection the organization may ask again', async (t) => {
  const app = await buildTestApp(t)
  const coordinator = await createCoordinator(app, ['equipment'])
  const enterprise = await registerOrg(app, 'enterprise')
  const first = (await request(app, enterprise.token)).json()
  assertProblem(t, await request(app, enterprise.token), 409, 'already_requested')
  const rejected = await decide(app, coordinator.token, first.id, 'reject', { reason: '资质材料不全 / documents missing' })
  t.equal(rejected.statusCode, 200)
  t.match(rejected.json(), { status: 'rejected', reason: '资质材料不全 / documents missing', decidedAt: '2027-01-10T08:00:00.000Z' })
  t.same(await myMemberships(app, enterprise.token), [{ id: first.id, allianceCode: 'equipment', status: 'rejected', reason: '资质材料不全 / documents missing' }])

  app.testClock.advance(60_000)
  const again = await request(app, enterprise.token)
  t.equal(again.statusCode, 201)
  t.match(again.json(), { id: first.id, status: 'pending', reason: null, decidedAt: null, createdAt: '2027-01-10T08:01:00.000Z' })
  const approved = await decide(app, coordinator.token, first.id, 'approve')
  t.equal(approved.statusCode, 200)
  t.match(approved.json(), { status: 'active', reason: null })
  assertProblem(t, await request(app, enterprise.token), 409, 'already_member')
  t.same(await eventTypes(app, first.id), ['membership.requested', 'membership.rejected', 'membership.requested', 'membership.approved'])
})

await t.test('concurrent requests of one organization create exactly one membership', async (t) => {
  const app = await buildTestApp(t)
  const college = await registerOrg(app, 'college')
  const results = await Promise.all(Array.from({ length: 8 }, () => request(app, college.token)))
  t.same(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409, 409, 409, 409])
  t.equal((await myMemberships(app, college.token)).length, 1)
})

await t.test('listing memberships: coordinators of the alliance and admins; others 403; unknown alliance 404', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const coordinator = await createCoordinator(app, ['equipment'])
  const otherCoordinator = await createCoordinator(app, ['petrochemical'])
  const orgs = []
  for (let i = 0; i < 5; i++) {
    app.testClock.advance(1000)
    orgs.push(await registerOrg(app, i % 2 === 0 ? 'college' : 'enterprise', { name: `成员单位 ${i}` }))
  }
  const ids: string[] = []
  for (const org of orgs) ids.push((await request(app, org.token)).json().id)
  t.equal((await decide(app, coordinator.token, ids[0]!, 'approve')).statusCode, 200)
  t.equal((await decide(app, coordinator.token, ids[1]!, 'reject', { reason: 'no' })).statusCode, 200)

  for (const caller of [coordinator, admin]) {
    const all = await api(app, caller.token, { method: 'GET', url: '/v1/alliances/equipment/memberships' })
    t.equal(all.statusCode, 200)
    t.same(all.json().items.map((m: { id: string }) => m.id), [...ids].reverse(), 'newest first')
    t.equal(all.json().nextCursor, null)
  }
  const pending = await api(app, coordinator.token, { method: 'GET', url: '/v1/alliances/equipment/memberships?status=pending' })
  t.same(pending.json().items.map((m: { id: string }) => m.id), [ids[4], ids[3], ids[2]])
  const active = await api(app, admin.token, { method: 'GET', url: '/v1/alliances/equipment/memberships?status=active' })
  t.same(active.json().items.map((m: { id: string, status: string }) => [m.id, m.status]), [[ids[0], 'active']])
  const rejected = await api(app, admin.token, { method: 'GET', url: '/v1/alliances/equipment/memberships?status=rejected' })
  t.match(rejected.json().items, [{ id: ids[1], reason: 'no', organization: { name: '成员单位 1', kind: 'enterprise' } }])

  const seen: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const url: string = `/v1/alliances/equipment/memberships?limit=2${cursor ? `&cursor=${cursor}` : ''}`
    const page = await api(app, coordinator.token, { method: 'GET', url })
    t.equal(page.statusCode, 200)
    t.ok(page.json().items.length <= 2)
    seen.push(...page.json().items.map((m: { id: string }) => m.id))
    cursor = page.json().nextCursor
    pages++
    if (pages === 1) {
      app.testClock.advance(1000)
      const late = await registerOrg(app, 'college')
      t.equal((await request(app, late.token)).statusCode, 201, 'a row added while paging')
    }
  } while (cursor !== null && pages < 10)
  t.equal(pages, 3)
  t.same(seen, [...ids].reverse(), 'every row once, in order; a row added meanwhile does not shift the pages')

  assertProblem(t, await app.inject({ method: 'GET', url: '/v1/alliances/equipment/memberships' }), 401, 'unauthenticated')
  assertProblem(t, await api(app, otherCoordinator.token, { method: 'GET', url: '/v1/alliances/equipment/memberships' }), 403, 'forbidden')
  assertProblem(t, await api(app, orgs[0]!.token, { method: 'GET', url: '/v1/alliances/equipment/memberships' }), 403, 'forbidden')
  assertProblem(t, await api(app, orgs[1]!.token, { method: 'GET', url: '/v1/alliances/equipment/memberships' }), 403, 'forbidden')
  assertProblem(t, await api(app, admin.token, { method: 'GET', url: '/v1/alliances/nowhere/memberships' }), 404, 'not_found')
  assertProblem(t, await api(app, admin.token, { method: 'GET', url: '/v1/alliances/equipment/memberships?status=approved' }), 400, 'validation_failed')
  assertProblem(t, await api(app, admin.token, { method: 'GET', url: '/v1/alliances/equipment/memberships?cursor=abc' }), 400, 'validation_failed')
})

await t.test('deciding: only a coordinator of the alliance; 403 for those who see it, 404 for those who must not know', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const coordinator = await createCoordinator(app, ['equipment', 'aluminum'])
  const otherCoordinator = await createCoordinator(app, ['petrochemical'])
  const enterprise = await registerOrg(app, 'enterprise')
  const unrelated = await registerOrg(app, 'college')
  const id = (await request(app, enterprise.token)).json().id

  for (const action of ['approve', 'reject'] as const) {
    const payload = action === 'reject' ? { reason: 'r' } : undefined
    assertProblem(t, await decide(app, null, id, action, payload), 401, 'unauthenticated')
    assertProblem(t, await decide(app, enterprise.token, id, action, payload), 403, 'forbidden', `${action} by the requesting organization`)
    assertProblem(t, await decide(app, admin.token, id, action, payload), 403, 'forbidden', `${action} by an admin`)
    assertProblem(t, await decide(app, otherCoordinator.token, id, action, payload), 404, 'not_found', `${action} by another alliance's coordinator`)
    assertProblem(t, await decide(app, unrelated.token, id, action, payload), 404, 'not_found', `${action} by an unrelated organization`)
    assertProblem(t, await decide(app, coordinator.token, '0190a6c2-0000-7000-8000-000000000000', action, payload), 404, 'not_found', `${action} of an unknown id`)
    assertProblem(t, await decide(app, coordinator.token, 'bad id!', action, payload), 400, 'validation_failed')
  }
  t.same(await myMemberships(app, enterprise.token), [{ id, allianceCode: 'equipment', status: 'pending', reason: null }], 'still pending')

  const noReason = await decide(app, coordinator.token, id, 'reject')
  assertProblem(t, noReason, 400, 'validation_failed')
  t.same(noReason.json().errors, [{ path: '/reason', message: "must have required property 'reason'" }])
  assertProblem(t, await decide(app, coordinator.token, id, 'reject', { reason: '' }), 400, 'validation_failed')
  assertProblem(t, await decide(app, coordinator.token, id, 'reject', { reason: 'x'.repeat(10_001) }), 400, 'validation_failed')
  assertProblem(t, await decide(app, coordinator.token, id, 'reject', { reason: true }), 400, 'validation_failed', 'true is not coerced to a string')
  assertProblem(t, await decide(app, coordinator.token, id, 'approve', { note: 'x' }), 400, 'validation_failed')

  const approved = await api(app, coordinator.token, { method: 'POST', url: `/v1/memberships/${id}/approve`, headers: { 'content-type': 'application/json' }, payload: '' })
  t.equal(approved.statusCode, 200)
  t.match(approved.json(), { id, status: 'active', decidedAt: String })
  assertProblem(t, await decide(app, coordinator.token, id, 'approve'), 409, 'already_decided')
  assertProblem(t, await decide(app, coordinator.token, id, 'reject', { reason: 'late' }), 409, 'already_decided')
  t.same(await myMemberships(app, enterprise.token), [{ id, allianceCode: 'equipment', status: 'active', reason: null }])
  const alliances = await app.inject({ method: 'GET', url: '/v1/alliances' })
  t.match(alliances.json().items.find((a: { code: string }) => a.code === 'equipment'), { memberCount: 1, enterpriseCount: 1 })
})

await t.test('parallel approve and reject of one membership: exactly one decision wins', async (t) => {
  const app = await buildTestApp(t)
  const coordinator = await createCoordinator(app, ['equipment'])
  const second = await createCoordinator(app, ['equipment'])
  const college = await registerOrg(app, 'college')
  const id = (await request(app, college.token)).json().id
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => i % 2 === 0
    ? decide(app, (i % 4 === 0 ? coordinator : second).token, id, 'approve')
    : decide(app, (i % 3 === 0 ? coordinator : second).token, id, 'reject', { reason: `reason ${i}` })))
  const statuses = results.map((r) => r.statusCode)
  t.equal(statuses.filter((s) => s === 200).length, 1, 'one decision')
  t.equal(statuses.filter((s) => s === 409).length, 9, 'the rest are already decided')
  const winner = results.find((r) => r.statusCode === 200)!.json()
  const stored = await myMemberships(app, college.token)
  t.same(stored, [{ id, allianceCode: 'equipment', status: winner.status, reason: winner.reason }], 'what was stored is what the winner was told')
  t.equal((await eventTypes(app, id)).filter((type) => type !== 'membership.requested').length, 1, 'one decision event')
})
