// Organizations with several people: a team of three built, changed and shrunk through the API; who may change whom.
import t from 'tap'
import { api, buildTestApp, createCoordinator, joinAlliance, login, PASSWORD, registerOrg, uniqueEmail } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { createDraft, orderAction } from '../../helpers/market.ts'
import { addPerson, patchMember } from '../../helpers/team.ts'

type MemberItem = { id: string, email: string, name: string, orgRole: string, status: string, lastLoginAt: string | null }

await t.test('a team of three: an owner invites a manager and a member, who act for the organization', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'enterprise', { name: '宁波北仑变速箱有限公司' })
  await joinAlliance(app, owner, await createCoordinator(app, ['equipment']), 'equipment')
  const orgId = owner.organizationId
  const manager = await addPerson(app, owner, orgId, 'manager', '王经理')
  const member = await addPerson(app, owner, orgId, 'member', '李娜')

  for (const [session, role] of [[owner, 'owner'], [manager, 'manager'], [member, 'member']] as const) {
    const me = await api(app, session.token, { method: 'GET', url: '/v1/me' })
    t.equal(me.statusCode, 200)
    t.equal(me.json().user.orgRole, role, `GET /v1/me shows orgRole ${role}`)
    t.equal(me.json().organization.id, orgId, 'of the inviting organization, no new one')
    t.equal(me.json().user.role, 'enterprise')
  }

  const listed = await api(app, member.token, { method: 'GET', url: `/v1/organizations/${orgId}/members` })
  t.equal(listed.statusCode, 200, 'every person of the organization reads its members')
  const items = listed.json().items as MemberItem[]
  t.same(items.map((m) => [m.name, m.orgRole, m.status]), [['enterprise staff', 'owner', 'active'], ['王经理', 'manager', 'active'], ['李娜', 'member', 'active']])
  t.ok(items.every((m) => typeof m.lastLoginAt === 'string'), 'registering is a login: lastLoginAt is set')
  t.notOk(JSON.stringify(listed.json()).includes('password'), 'no password hash in the list')

  // They act for the organization as before: a draft by the member is the owner's to see and the manager's to publish.
  const draft = await createDraft(app, member)
  t.equal((await api(app, owner.token, { method: 'GET', url: `/v1/orders/${String(draft['id'])}` })).statusCode, 200)
  const mine = await api(app, manager.token, { method: 'GET', url: '/v1/orders?mine=true' })
  t.ok((mine.json().items as { id: string }[]).some((o) => o.id === draft['id']), "the member's draft is in the organization's orders")
})

await t.test('owners change roles and status; managers only (de)activate members; members change nothing', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'college')
  const orgId = owner.organizationId
  const manager = await addPerson(app, owner, orgId, 'manager')
  const member = await addPerson(app, owner, orgId, 'member')
  const other = await addPerson(app, owner, orgId, 'member')

  assertProblem(t, await patchMember(app, member, orgId, other.userId, { status: 'deactivated' }), 403, 'forbidden', 'a member deactivates no one')
  assertProblem(t, await patchMember(app, member, orgId, member.userId, { orgRole: 'owner' }), 403, 'forbidden', 'a member promotes no one, not even itself')
  assertProblem(t, await patchMember(app, manager, orgId, member.userId, { orgRole: 'manager' }), 403, 'forbidden', 'a manager changes no role')
  assertProblem(t, await patchMember(app, manager, orgId, owner.userId, { status: 'deactivated' }), 403, 'forbidden', 'a manager deactivates no owner')
  assertProblem(t, await patchMember(app, manager, orgId, manager.userId, { status: 'deactivated' }), 403, 'forbidden', 'nor a manager')

  const deactivated = await patchMember(app, manager, orgId, member.userId, { status: 'deactivated' })
  t.equal(deactivated.statusCode, 200, 'a manager deactivates a member')
  t.match(deactivated.json(), { id: member.userId, orgRole: 'member', status: 'deactivated' })
  const reactivated = await patchMember(app, manager, orgId, member.userId, { status: 'active' })
  t.equal(reactivated.statusCode, 200, 'and reactivates them')
  t.equal(reactivated.json().status, 'active')

  const promoted = await patchMember(app, owner, orgId, member.userId, { orgRole: 'manager' })
  t.equal(promoted.statusCode, 200, 'the owner changes a role')
  t.equal(promoted.json().orgRole, 'manager')
  // Its sessions ended at the deactivation above: a new login.
  const me = await api(app, (await login(app, member.email)).token, { method: 'GET', url: '/v1/me' })
  t.equal(me.json().user.orgRole, 'manager', 'the new role shows')
  const both = await patchMember(app, owner, orgId, other.userId, { orgRole: 'owner', status: 'active' })
  t.equal(both.statusCode, 200, 'role and status in one change')
  t.equal(both.json().orgRole, 'owner')
  const unchanged = await api(app, owner.token, { method: 'GET', url: `/v1/organizations/${orgId}/members` })
  t.same((unchanged.json().items as MemberItem[]).map((m) => m.orgRole), ['owner', 'manager', 'manager', 'owner'])
})

await t.test('deactivation ends the sessions at once; login is the bad-credentials 401; past actions stay theirs', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'enterprise')
  await joinAlliance(app, owner, await createCoordinator(app, ['equipment']), 'equipment')
  const orgId = owner.organizationId
  const member = await addPerson(app, owner, orgId, 'member', '赵离职')
  const draft = await createDraft(app, member)
  const published = await orderAction(app, member, draft['id'], 'publish')
  t.equal(published.statusCode, 200)
  const second = await login(app, member.email)

  t.equal((await patchMember(app, owner, orgId, member.userId, { status: 'deactivated' })).statusCode, 200)
  for (const session of [member, second]) {
    assertProblem(t, await api(app, session.token, { method: 'GET', url: '/v1/me' }), 401, 'unauthenticated', 'its access tokens stop working')
    assertProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } }), 401, 'unauthenticated', 'its refresh tokens too')
  }
  const refused = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: member.email, password: PASSWORD } })
  const wrong = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: member.email, password: 'not-the-Password-1' } })
  assertProblem(t, refused, 401, 'unauthenticated', 'the right password of a deactivated user')
  t.same(refused.json(), wrong.json(), 'the same answer as a wrong password')

  const events = await api(app, owner.token, { method: 'GET', url: `/v1/orders/${String(draft['id'])}/events` })
  const publishedBy = (events.json().items as { type: string, actor: { userId: string } }[]).find((e) => e.type === 'order.published')
  t.equal(publishedBy?.actor.userId, member.userId, 'the order it published is still its act')
  t.equal((await api(app, owner.token, { method: 'GET', url: `/v1/orders/${String(draft['id'])}` })).json().status, 'open', 'and the order stays')

  t.equal((await patchMember(app, owner, orgId, member.userId, { status: 'active' })).statusCode, 200)
  const back = await login(app, member.email)
  t.equal((await api(app, back.token, { method: 'GET', url: '/v1/me' })).statusCode, 200, 'a reactivated user logs in again')
  t.equal((await api(app, second.token, { method: 'GET', url: '/v1/me' })).statusCode, 401, 'its old sessions stay ended')
})

await t.test('the last active owner cannot be demoted or deactivated (409); with two owners one may step down', async (t) => {
  const app = await buildTestApp(t)
  const ownerEmail = uniqueEmail('owner')
  const owner = await registerOrg(app, 'enterprise', { email: ownerEmail })
  const orgId = owner.organizationId
  const deputy = await addPerson(app, owner, orgId, 'manager')
  assertProblem(t, await patchMember(app, owner, orgId, owner.userId, { orgRole: 'manager' }), 409, 'last_owner', 'the only owner demoting itself')
  assertProblem(t, await patchMember(app, owner, orgId, owner.userId, { status: 'deactivated' }), 409, 'last_owner', 'or deactivating itself')
  t.equal((await patchMember(app, owner, orgId, deputy.userId, { orgRole: 'owner' })).statusCode, 200)
  t.equal((await patchMember(app, deputy, orgId, owner.userId, { status: 'deactivated' })).statusCode, 200, 'a second owner deactivates the first')
  assertProblem(t, await patchMember(app, deputy, orgId, deputy.userId, { orgRole: 'member' }), 409, 'last_owner', 'the one left is the last again')
  t.equal((await patchMember(app, deputy, orgId, owner.userId, { status: 'active' })).statusCode, 200)
  const back = await login(app, ownerEmail)
  t.equal((await patchMember(app, back, orgId, deputy.userId, { orgRole: 'member' })).statusCode, 200, 'now the deputy may step down')
})

await t.test('visibility: its people 200, other users 403 (profiles are public), unknown ones 404', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'enterprise')
  const orgId = owner.organizationId
  const member = await addPerson(app, owner, orgId, 'member')
  const outsider = await registerOrg(app, 'college')
  const coordinator = await createCoordinator(app, ['equipment'])
  const admin = await login(app, 'root@test.talent-orders.cn', 'root-Password-for-tests-1')

  for (const [who, session] of [['another organization', outsider], ['a coordinator', coordinator], ['an admin', admin]] as const) {
    assertProblem(t, await api(app, session.token, { method: 'GET', url: `/v1/organizations/${orgId}/members` }), 403, 'forbidden', `${who} lists no members`)
    assertProblem(t, await patchMember(app, session, orgId, member.userId, { status: 'deactivated' }), 403, 'forbidden', `${who} changes none`)
  }
  assertProblem(t, await api(app, owner.token, { method: 'GET', url: '/v1/organizations/01NOSUCHORGANIZATION/members' }), 404, 'not_found', 'an unknown organization')
  assertProblem(t, await patchMember(app, owner, orgId, outsider.userId, { status: 'deactivated' }), 404, 'not_found', "another organization's user is not found")
  assertProblem(t, await patchMember(app, owner, orgId, coordinator.userId, { orgRole: 'member' }), 404, 'not_found', 'nor is a coordinator')
  assertProblem(t, await patchMember(app, owner, orgId, member.userId, {}), 400, 'validation_failed', 'an empty change')
  assertProblem(t, await patchMember(app, owner, orgId, member.userId, { orgRole: 'boss' }), 400, 'validation_failed', 'an unknown role')
  t.equal((await api(app, outsider.token, { method: 'GET', url: '/v1/me' })).json().user.orgRole, 'owner', 'the registering user is its owner')
  t.equal((await api(app, coordinator.token, { method: 'GET', url: '/v1/me' })).json().user.orgRole, null, 'coordinators have no orgRole')
})
