// Invitations: created by owners and managers, mailed with a one-time token (stored hashed), listed, resent, revoked, accepted.
import t from 'tap'
import { api, buildTestApp, createCoordinator, PASSWORD, registerOrg, uniqueEmail } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { addPerson, invite, latestToken, mailsTo, registerWithToken } from '../../helpers/team.ts'

const DAY_MS = 24 * 60 * 60 * 1000

await t.test('an invitation: 201 without its token, a bilingual mail with a console link, the token stored only hashed', async (t) => {
  const app = await buildTestApp(t, { PUBLIC_URL: 'https://console.talent-orders.example' })
  const owner = await registerOrg(app, 'enterprise', { name: '宁波北仑变速箱有限公司' })
  const email = uniqueEmail('invitee')
  const created = await api(app, owner.token, {
    method: 'POST',
    url: `/v1/organizations/${owner.organizationId}/invitations`,
    payload: { email, orgRole: 'manager', name: '王经理' }
  })
  t.equal(created.statusCode, 201)
  const body = created.json()
  t.match(body, { id: String, email, name: '王经理', orgRole: 'manager', status: 'pending', organizationId: owner.organizationId })
  t.equal(Date.parse(body.expiresAt) - Date.parse(body.createdAt), 7 * DAY_MS, 'it holds 7 days')
  t.equal(created.headers['location'], `/v1/invitations/${body.id}`)
  t.notOk(/inv_/.test(created.body), 'no token in the answer')

  const mails = await mailsTo(app, email)
  t.equal(mails.length, 1, 'one mail, written with the invitation')
  const mail = mails[0]!
  t.match(mail.body, /https:\/\/console\.talent-orders\.example\/invitation#token=inv_[A-Za-z0-9_-]{43}/, 'a link built from PUBLIC_URL')
  t.match(mail.body, /宁波北仑变速箱有限公司/)
  t.ok(/[\u4e00-\u9fff]/.test(mail.body) && /invit/i.test(mail.body), 'Chinese and English text')
  t.ok(mail.body.search(/[\u4e00-\u9fff]{4,}/) < mail.body.indexOf('Hello'), 'Chinese first, English beneath')
  const token = await latestToken(app, email, 'inv')
  const stored = await app.data.all<{ token_hash: string }>('select token_hash from invitations where id = @id', { id: body.id })
  t.not(stored[0]?.token_hash, token, 'the row holds a hash, not the token')
  t.notOk(JSON.stringify(await app.data.all('select * from invitations')).includes(token), 'the token is nowhere in the table')

  const read = await api(app, owner.token, { method: 'GET', url: `/v1/invitations/${body.id}` })
  t.same(read.json(), body, 'GET /v1/invitations/{id} reads it back')

  const joined = await registerWithToken(app, email.toUpperCase(), token, '王经理')
  t.equal(joined.statusCode, 201, 'the invitee registers with the token (any letter case of the email)')
  t.equal(joined.json().organization.id, owner.organizationId)
  t.equal(joined.json().user.orgRole, 'manager')
  t.equal((await api(app, owner.token, { method: 'GET', url: `/v1/invitations/${body.id}` })).json().status, 'accepted')
  const again = await registerWithToken(app, uniqueEmail('second'), token)
  assertProblem(t, again, 422, 'invitation_invalid', 'a used token, whatever the email')
})

await t.test('refusals: an email with an account (409), a pending duplicate (409), a token for another email, both or neither (400)', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'college')
  const elsewhere = await registerOrg(app, 'enterprise')
  const existing = await api(app, elsewhere.token, { method: 'GET', url: '/v1/me' })
  const takenEmail = existing.json().user.email as string
  const invitations = `/v1/organizations/${owner.organizationId}/invitations`
  assertProblem(t, await api(app, owner.token, { method: 'POST', url: invitations, payload: { email: takenEmail, orgRole: 'member' } }), 409, 'email_taken', 'an account elsewhere')
  assertProblem(t, await api(app, owner.token, { method: 'POST', url: invitations, payload: { email: 'x@y.cn', orgRole: 'owner' } }), 400, 'validation_failed', 'no one is invited as owner')

  const { email, token } = await invite(app, owner, owner.organizationId, 'member')
  assertProblem(t, await api(app, owner.token, { method: 'POST', url: invitations, payload: { email, orgRole: 'member' } }), 409, 'invitation_pending', 'a second invitation of one email')
  assertProblem(t, await registerWithToken(app, uniqueEmail('stranger'), token), 422, 'invitation_invalid', 'the token of another email')
  assertProblem(t, await registerWithToken(app, email, 'inv_madeUpTokenThatWasNeverIssued0000000000000'), 422, 'invitation_invalid', 'an unknown token')
  const both = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD, name: '李娜', invitationToken: token, organization: { kind: 'college', name: '另一所学院' } } })
  assertProblem(t, both, 400, 'validation_failed', 'an organization and a token')
  const neither = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD, name: '李娜' } })
  assertProblem(t, neither, 400, 'validation_failed', 'neither')
  const weak = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: 'password1234', name: '李娜', invitationToken: token } })
  assertProblem(t, weak, 422, undefined, 'the password policy holds for invitees')
  t.equal((await registerWithToken(app, email, token)).statusCode, 201, 'the token still works after the refusals')
  assertProblem(t, await registerWithToken(app, email, token), 409, 'email_taken', 'the same email again')
})

await t.test('list by status, resend (a new token, the old one dead), revoke, expiry', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'enterprise')
  const orgId = owner.organizationId
  const manager = await addPerson(app, owner, orgId, 'manager')
  const first = await invite(app, manager, orgId, 'member')
  const second = await invite(app, owner, orgId, 'manager')
  const list = async (status?: string) => {
    const res = await api(app, manager.token, { method: 'GET', url: `/v1/organizations/${orgId}/invitations${status ? `?status=${status}` : ''}` })
    t.equal(res.statusCode, 200)
    return (res.json().items as { id: string, status: string }[])
  }
  t.same((await list('pending')).map((i) => i.id), [second.invitation.id, first.invitation.id], 'pending, newest first')
  t.equal((await list('accepted')).length, 1, "the manager's own accepted invitation")

  const resent = await api(app, manager.token, { method: 'POST', url: `/v1/invitations/${first.invitation.id}/resend` })
  t.equal(resent.statusCode, 200)
  t.equal(resent.json().status, 'pending')
  t.notOk(/inv_/.test(resent.body), 'no token in the answer')
  const newToken = await latestToken(app, first.email, 'inv')
  t.not(newToken, first.token, 'a new token went out')
  t.equal((await mailsTo(app, first.email)).length, 2)
  assertProblem(t, await registerWithToken(app, first.email, first.token), 422, 'invitation_invalid', 'the old token stopped working')

  const revoked = await api(app, owner.token, { method: 'POST', url: `/v1/invitations/${first.invitation.id}/revoke` })
  t.equal(revoked.statusCode, 200)
  t.equal(revoked.json().status, 'revoked')
  assertProblem(t, await registerWithToken(app, first.email, newToken), 422, 'invitation_invalid', 'a revoked invitation')
  assertProblem(t, await api(app, owner.token, { method: 'POST', url: `/v1/invitations/${first.invitation.id}/revoke` }), 409, 'invitation_not_pending', 'revoked twice')
  assertProblem(t, await api(app, owner.token, { method: 'POST', url: `/v1/invitations/${first.invitation.id}/resend` }), 409, 'invitation_not_pending', 'a revoked one is not resent')
  t.same((await list('revoked')).map((i) => i.id), [first.invitation.id])

  app.testClock.advance(7 * DAY_MS + 1000)
  t.same((await list('expired')).map((i) => i.id), [second.invitation.id], 'past 7 days it reads as expired')
  t.same(await list('pending'), [])
  assertProblem(t, await registerWithToken(app, second.email, second.token), 422, 'invitation_invalid', 'an expired token')
  const renewed = await api(app, owner.token, { method: 'POST', url: `/v1/invitations/${second.invitation.id}/resend` })
  t.equal(renewed.statusCode, 200, 'an expired invitation may be resent')
  t.equal(renewed.json().status, 'pending', 'with 7 new days')
  t.equal((await registerWithToken(app, second.email, await latestToken(app, second.email, 'inv'))).statusCode, 201)
})

await t.test('visibility: owners and managers 200, members 403, other users 403 on the organization and 404 on its invitations', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'enterprise')
  const orgId = owner.organizationId
  const member = await addPerson(app, owner, orgId, 'member')
  const { invitation } = await invite(app, owner, orgId, 'member')
  const outsider = await registerOrg(app, 'enterprise')
  const coordinator = await createCoordinator(app, ['equipment'])
  const create = (session: { token: string }) => api(app, session.token, { method: 'POST', url: `/v1/organizations/${orgId}/invitations`, payload: { email: uniqueEmail('x'), orgRole: 'member' } })
  const list = (session: { token: string }) => api(app, session.token, { method: 'GET', url: `/v1/organizations/${orgId}/invitations` })
  const on = (session: { token: string }, action: string) => api(app, session.token, { method: action === 'get' ? 'GET' : 'POST', url: `/v1/invitations/${invitation.id}${action === 'get' ? '' : `/${action}`}` })

  assertProblem(t, await create(member), 403, 'forbidden', 'a member invites no one')
  assertProblem(t, await list(member), 403, 'forbidden', 'nor lists invitations')
  for (const action of ['get', 'resend', 'revoke']) assertProblem(t, await on(member, action), 403, 'forbidden', `a member: ${action}`)
  for (const [who, session] of [['another organization', outsider], ['a coordinator', coordinator]] as const) {
    assertProblem(t, await create(session), 403, 'forbidden', `${who} invites no one into it`)
    assertProblem(t, await list(session), 403, 'forbidden', `${who} lists nothing`)
    for (const action of ['get', 'resend', 'revoke']) assertProblem(t, await on(session, action), 404, 'not_found', `${who}: ${action} of an invitation it must not know`)
  }
  assertProblem(t, await api(app, owner.token, { method: 'GET', url: '/v1/organizations/01NOSUCHORGANIZATION/invitations' }), 404, 'not_found')
  assertProblem(t, await api(app, owner.token, { method: 'POST', url: '/v1/invitations/01NOSUCHINVITATION/resend' }), 404, 'not_found')
  t.equal((await list(owner)).statusCode, 200)
  t.equal((await on(owner, 'get')).statusCode, 200)
})

await t.test('invitations are rate limited per organization (429 with Retry-After)', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'college')
  const url = `/v1/organizations/${owner.organizationId}/invitations`
  const statuses: number[] = []
  for (let i = 0; i < 50; i++) statuses.push((await api(app, owner.token, { method: 'POST', url, payload: { email: uniqueEmail(`bulk${i}`), orgRole: 'member' } })).statusCode)
  t.same(statuses.filter((s) => s !== 201), [], 'fifty in an hour')
  const refused = await api(app, owner.token, { method: 'POST', url, payload: { email: uniqueEmail('one-more'), orgRole: 'member' } })
  assertProblem(t, refused, 429, 'rate_limited', 'then refused')
  t.ok(Number(refused.headers['retry-after']) > 0)
  app.testClock.advance(60 * 60 * 1000 + 1000)
  t.equal((await api(app, owner.token, { method: 'POST', url, payload: { email: uniqueEmail('next-hour'), orgRole: 'member' } })).statusCode, 201, 'the next hour')
})
