// Password reset: the same 202 for any email, a mailed one-use token valid 30 minutes, a new password that ends every session.
import t from 'tap'
import { api, buildTestApp, login, PASSWORD, registerOrg, uniqueEmail } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { addPerson, latestToken, mailsTo, patchMember } from '../../helpers/team.ts'

const NEW_PASSWORD = 'Gearbox-line-2028#'
const request = (app: Awaited<ReturnType<typeof buildTestApp>>, email: string) =>
  app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email } })
const confirm = (app: Awaited<ReturnType<typeof buildTestApp>>, token: string, newPassword = NEW_PASSWORD) =>
  app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword } })

await t.test('a reset end to end: the same answer for known and unknown emails, a link, a new password, every session ended', async (t) => {
  const app = await buildTestApp(t, { PUBLIC_URL: 'https://console.talent-orders.example' })
  const email = uniqueEmail('forgot')
  await registerOrg(app, 'enterprise', { email })
  const a = await login(app, email)
  const b = await login(app, email)

  const known = await request(app, email.toUpperCase())
  const unknown = await request(app, uniqueEmail('nobody'))
  t.equal(known.statusCode, 202)
  t.equal(unknown.statusCode, 202)
  t.same(known.json(), unknown.json(), 'the same body whether or not the account exists')
  t.notOk(/rst_/.test(known.body), 'no token in the answer')
  t.equal((await mailsTo(app, email)).length, 1, 'the owner of the account gets one mail')
  const mail = (await mailsTo(app, email))[0]!
  t.match(mail.body, /https:\/\/console\.talent-orders\.example\/password-reset#token=rst_[A-Za-z0-9_-]{43}/)
  t.ok(mail.body.search(/[\u4e00-\u9fff]{4,}/) < mail.body.indexOf('Hello'), 'Chinese first, English beneath')
  const token = await latestToken(app, email, 'rst')
  t.notOk(JSON.stringify(await app.data.all('select * from password_resets')).includes(token), 'stored only hashed')

  t.equal((await confirm(app, token)).statusCode, 204)
  for (const session of [a, b]) {
    t.equal((await api(app, session.token, { method: 'GET', url: '/v1/me' })).statusCode, 401, 'every session ended')
    t.equal((await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } })).statusCode, 401)
  }
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } })).statusCode, 401, 'the old password is gone')
  t.equal((await login(app, email, NEW_PASSWORD)).userId.length > 0, true, 'the new one works')
  assertProblem(t, await confirm(app, token, 'Yet-another-phrase-2029'), 422, 'reset_token_invalid', 'one use only')
})

await t.test('bad, expired and retired tokens; the password policy as at registration', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('policy')
  await registerOrg(app, 'college', { email })
  assertProblem(t, await confirm(app, 'rst_neverIssued0000000000000000000000000000000'), 422, 'reset_token_invalid', 'an unknown token')
  await request(app, email)
  const first = await latestToken(app, email, 'rst')
  assertProblem(t, await confirm(app, first, 'short'), 400, 'validation_failed', 'too short: a shape error')
  assertProblem(t, await confirm(app, first, 'password1234'), 422, undefined, 'a common password')
  await request(app, email)
  const second = await latestToken(app, email, 'rst')
  assertProblem(t, await confirm(app, first, NEW_PASSWORD), 422, 'reset_token_invalid', 'a newer request retires the older token')
  app.testClock.advance(30 * 60 * 1000 + 1)
  assertProblem(t, await confirm(app, second, NEW_PASSWORD), 422, 'reset_token_invalid', 'past 30 minutes')
  await request(app, email)
  t.equal((await confirm(app, await latestToken(app, email, 'rst'))).statusCode, 204, 'a fresh one works')
})

await t.test('past 5 requests an hour for one email, known or not: 429', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('limited')
  await registerOrg(app, 'enterprise', { email })
  const stranger = uniqueEmail('stranger')
  for (const target of [email, stranger]) {
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await request(app, target)).statusCode)
    t.same(statuses, [202, 202, 202, 202, 202])
    const refused = await request(app, target)
    assertProblem(t, refused, 429, 'rate_limited', 'the sixth')
    t.ok(Number(refused.headers['retry-after']) > 0)
  }
  t.equal((await mailsTo(app, email)).length, 5, 'no mail for a refused request')
  t.equal((await request(app, uniqueEmail('other'))).statusCode, 202, 'other emails are not held back')
  app.testClock.advance(60 * 60 * 1000 + 1000)
  t.equal((await request(app, email)).statusCode, 202, 'the next hour')
})

await t.test('a deactivated user gets no reset mail, and a token issued before cannot be used', async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'enterprise')
  const member = await addPerson(app, owner, owner.organizationId, 'member')
  await request(app, member.email)
  const token = await latestToken(app, member.email, 'rst')
  t.equal((await patchMember(app, owner, owner.organizationId, member.userId, { status: 'deactivated' })).statusCode, 200)
  t.equal((await request(app, member.email)).statusCode, 202, 'the same answer')
  t.equal((await mailsTo(app, member.email)).filter((m) => m.body.includes('rst_')).length, 1, 'no second reset mail')
  assertProblem(t, await confirm(app, token), 422, 'reset_token_invalid', 'the earlier token is refused')
})
