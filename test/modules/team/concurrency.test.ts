// Team rules under parallel requests (both engines): the last owner, one-use reset tokens, invitations revoked while accepted.
import t from 'tap'
import { api, buildTestApp, registerOrg, uniqueEmail } from '../../helper.ts'
import { addPerson, invite, latestToken, patchMember, registerWithToken } from '../../helpers/team.ts'

await t.test('two owners stepping down at once: one succeeds, the other is the last owner (409)', async (t) => {
  const app = await buildTestApp(t)
  for (let round = 0; round < 5; round++) {
    const owner = await registerOrg(app, 'enterprise')
    const orgId = owner.organizationId
    const second = await addPerson(app, owner, orgId, 'manager')
    t.equal((await patchMember(app, owner, orgId, second.userId, { orgRole: 'owner' })).statusCode, 200)
    const [a, b] = await Promise.all([
      patchMember(app, owner, orgId, owner.userId, { orgRole: 'manager' }),
      patchMember(app, second, orgId, second.userId, { status: 'deactivated' })
    ])
    t.same([a.statusCode, b.statusCode].sort(), [200, 409], `round ${round}: one change, one refusal`)
    t.equal([a, b].find((r) => r.statusCode === 409)?.json().code, 'last_owner')
    // The first owner is active either way (stepped down to manager, or refused); the second may have deactivated itself.
    const members = await api(app, owner.token, { method: 'GET', url: `/v1/organizations/${orgId}/members` })
    const activeOwners = (members.json().items as { orgRole: string, status: string }[]).filter((m) => m.orgRole === 'owner' && m.status === 'active')
    t.equal(activeOwners.length, 1, 'exactly one active owner left')
  }
})

await t.test('parallel confirmations of one reset token: one 204, the rest 422', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('race')
  await registerOrg(app, 'college', { email })
  await app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email } })
  const token = await latestToken(app, email, 'rst')
  const passwords = ['Parallel-phrase-one-1', 'Parallel-phrase-two-2', 'Parallel-phrase-three-3', 'Parallel-phrase-four-4']
  const results = await Promise.all(passwords.map((newPassword) =>
    app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword } })))
  const statuses = results.map((r) => r.statusCode)
  t.equal(statuses.filter((s) => s === 204).length, 1, 'one reset')
  t.equal(statuses.filter((s) => s === 422).length, 3, 'the others refused')
  const winner = passwords[statuses.indexOf(204)]!
  const logins = await Promise.all(passwords.map((password) => app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } })))
  t.same(logins.map((r) => r.statusCode), passwords.map((p) => p === winner ? 200 : 401), "the winner's password is the one set")
})

await t.test('an invitation revoked while it is accepted: either the user joined and the revocation is a 409, or neither', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'enterprise')
  for (let round = 0; round < 5; round++) {
    const { invitation, email, token } = await invite(app, owner, owner.organizationId, 'member')
    const [revoked, joined] = await Promise.all([
      api(app, owner.token, { method: 'POST', url: `/v1/invitations/${invitation.id}/revoke` }),
      registerWithToken(app, email, token)
    ])
    const outcome = [revoked.statusCode, joined.statusCode]
    t.ok(JSON.stringify(outcome) === '[200,422]' || JSON.stringify(outcome) === '[409,201]', `round ${round}: ${JSON.stringify(outcome)}`)
    const status = (await api(app, owner.token, { method: 'GET', url: `/v1/invitations/${invitation.id}` })).json().status
    t.equal(status, joined.statusCode === 201 ? 'accepted' : 'revoked', 'the invitation says which')
  }
})

await t.test('parallel invitations of one email: one 201, the others invitation_pending', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'college')
  const manager = await addPerson(app, owner, owner.organizationId, 'manager')
  const email = uniqueEmail('twice')
  const results = await Promise.all([owner, manager, owner, manager].map((session) => api(app, session.token, {
    method: 'POST', url: `/v1/organizations/${owner.organizationId}/invitations`, payload: { email, orgRole: 'member' }
  })))
  t.same(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409])
  t.ok(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'invitation_pending'))
})
