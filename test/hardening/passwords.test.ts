// Password policy: 12–128 characters (400), common passwords refused (422), scrypt N=2^17 r=8 p=1 in production.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { buildTestApp, registerOrg, api, login, loginAdmin, PASSWORD, uniqueEmail } from '../helper.ts'
import { expectProblem } from '../helpers/hardening.ts'
import { hashPassword, verifyPassword } from '../../src/lib/password.ts'
import { loadConfig, ConfigError } from '../../src/config.ts'
import { fromRoot } from '../../src/lib/project-root.ts'

const register = (app: Awaited<ReturnType<typeof buildTestApp>>, password: unknown) => app.inject({
  method: 'POST',
  url: '/v1/auth/register',
  payload: { email: uniqueEmail('pw'), password, name: '李四', organization: { kind: 'enterprise', name: '宁波汽车零部件有限公司' } }
})

t.test('passwords shorter than 12 or longer than 128 characters are a 400', async (t) => {
  const app = await buildTestApp(t)
  expectProblem(t, await register(app, 'Short-pw-10'), 400, 'validation_failed')
  expectProblem(t, await register(app, `Long-${'x7Y'.repeat(42)}`), 400, 'validation_failed')
  expectProblem(t, await register(app, 123456789012345), 400, 'validation_failed')
  t.equal((await register(app, 'Twelve-ch-01')).statusCode, 201, '12 characters are enough')
  t.equal((await register(app, 'a1B2-'.repeat(25) + 'xyz')).statusCode, 201, '128 characters are allowed')
  t.equal((await register(app, '我的宁波密码是长江边上')).statusCode, 400, '11 Chinese characters are too short')
  t.equal((await register(app, '我的宁波密码是长江边上的家')).statusCode, 201, '13 Chinese characters count as 13')
  const user = await registerOrg(app, 'college')
  const res = await api(app, user.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'too-short' } })
  expectProblem(t, res, 400, 'validation_failed')
})

t.test('common passwords, decorated or repeated, are refused with 422 at registration and password change', async (t) => {
  const app = await buildTestApp(t)
  for (const password of ['password1234', '1qaz2wsx3edc', 'Sunshine2024!', 'iloveyou!!!!', 'qwertyqwerty', 'DRAGON123456789']) {
    expectProblem(t, await register(app, password), 422, 'password_too_common')
  }
  const user = await registerOrg(app, 'enterprise')
  const res = await api(app, user.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'baseball1234567' } })
  expectProblem(t, res, 422, 'password_too_common')
  t.equal((await register(app, 'Ningbo-aluminium-加工-7')).statusCode, 201, 'an uncommon passphrase is accepted')
})

t.test('the shipped list holds thousands of common passwords', async (t) => {
  const lines = readFileSync(fromRoot('src', 'modules', 'auth', 'common-passwords.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))
  t.ok(lines.length >= 5000, `${lines.length} entries`)
  t.ok(lines.includes('password'))
  t.ok(lines.filter((l) => l.length >= 12).length >= 300, 'including long ones that pass the length rule')
})

t.test('scrypt with N=2^17, r=8, p=1 and a random salt', async (t) => {
  const stored = await hashPassword('correct-Horse-battery-9', 17)
  const [scheme, logN, r, p, salt, key] = stored.split('$')
  t.same([scheme, logN, r, p], ['scrypt', '17', '8', '1'])
  t.equal(Buffer.from(salt ?? '', 'base64url').length, 32)
  t.equal(Buffer.from(key ?? '', 'base64url').length, 64)
  t.ok(await verifyPassword('correct-Horse-battery-9', stored))
  t.notOk(await verifyPassword('correct-Horse-battery-8', stored))
  t.not(await hashPassword('correct-Horse-battery-9', 10), await hashPassword('correct-Horse-battery-9', 10), 'salted')
})

t.test('production uses 2^17 by default and refuses a weaker SCRYPT_LOG_N', async (t) => {
  const env = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-chars' }
  t.equal(loadConfig(env).SCRYPT_LOG_N, 17)
  const refused = (overrides: Record<string, string>) => {
    try {
      loadConfig(overrides)
      return false
    } catch (error) {
      return error instanceof ConfigError
    }
  }
  t.ok(refused({ ...env, SCRYPT_LOG_N: '16' }), 'SCRYPT_LOG_N=16 is refused')
  t.ok(refused({ NODE_ENV: 'production' }), 'no production without JWT_SECRET')
  t.ok(refused({ ...env, JWT_SECRET: 'short' }), 'a short JWT_SECRET is refused')
  t.notOk(refused({ ...env, NODE_ENV: 'test', SCRYPT_LOG_N: '10' }), 'outside production a cheap cost is allowed (tests)')
})

t.test('stored hashes use the configured cost and record their parameters', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('cost')
  await registerOrg(app, 'college', { email })
  const row = (await app.data.get<{ hash: string }>('select password_hash as hash from users where email = ?', [email]))!
  t.match(row.hash, /^scrypt\$10\$8\$1\$/, 'tests run with SCRYPT_LOG_N=10; the parameters travel with the hash')
})

t.test('the policy judges the normalised password that is hashed: full-width common passwords are refused everywhere', async (t) => {
  const app = await buildTestApp(t)
  const fullWidth = 'ｐａｓｓｗｏｒｄ１２３４'
  expectProblem(t, await register(app, fullWidth), 422, 'password_too_common')
  expectProblem(t, await register(app, 'Ｓｕｎｓｈｉｎｅ２０２４！'), 422, 'password_too_common')
  const user = await registerOrg(app, 'enterprise')
  const change = await api(app, user.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: fullWidth } })
  const body = expectProblem(t, change, 422, 'password_too_common')
  t.same(body['errors'], [{ path: '/newPassword', message: 'too common' }])
  const admin = await api(app, (await loginAdmin(app)).token, { method: 'POST', url: '/v1/users', payload: { email: uniqueEmail('fw'), password: fullWidth, name: 'Admin two', role: 'admin' } })
  expectProblem(t, admin, 422, 'password_too_common')
})

t.test('a password in another width is the same password: not a change, and it logs in', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('width')
  const user = await registerOrg(app, 'enterprise', { email })
  const res = await api(app, user.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'ｃｏｒｒｅｃｔ-Ｈｏｒｓｅ-ｂａｔｔｅｒｙ-９' } })
  expectProblem(t, res, 422, 'password_unchanged')
  t.ok(await login(app, email, 'ｃｏｒｒｅｃｔ-Ｈｏｒｓｅ-ｂａｔｔｅｒｙ-９'))
})

t.test('length is counted after NFKC normalisation, at registration, password change and login alike', async (t) => {
  const app = await buildTestApp(t)
  const composed = 'e\u0301'.repeat(4) + 'Xy7-ab'
  t.equal(composed.length, 14, 'fourteen code points as sent')
  const short = expectProblem(t, await register(app, composed), 400, 'validation_failed')
  t.same(short['errors'], [{ path: '/password', message: 'must be 12 to 128 characters; has 10' }])
  const expanded = expectProblem(t, await register(app, 'ﷺ'.repeat(7) + 'Ningbo-27'), 400, 'validation_failed')
  t.same(expanded['errors'], [{ path: '/password', message: 'must be 12 to 128 characters; has 135' }], 'sixteen code points as sent; each ligature expands into 18')
  expectProblem(t, await register(app, 'ﬃ'.repeat(43)), 400, 'validation_failed')
  expectProblem(t, await register(app, 'x'.repeat(513)), 400, 'validation_failed')

  // Decomposed accents: 182 code points as sent, 117 once composed; it is a valid password and logs in as sent.
  const decomposed = ('àéîõü'.normalize('NFD') + 'Xy7-').repeat(13)
  t.equal([...decomposed].length, 182)
  const email = uniqueEmail('accents')
  const created = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: decomposed, name: '李四', organization: { kind: 'college', name: '宁波学院' } } })
  t.equal(created.statusCode, 201)
  t.ok(await login(app, email, decomposed), 'logs in with the text it registered')
  t.ok(await login(app, email, decomposed.normalize('NFC')), 'and with its composed form')

  const user = await registerOrg(app, 'college')
  const change = await api(app, user.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: composed } })
  const body = expectProblem(t, change, 400, 'validation_failed')
  t.same(body['errors'], [{ path: '/newPassword', message: 'must be 12 to 128 characters; has 10' }])
})

t.test('ADMIN_PASSWORD is held to the same policy, after normalisation', async (t) => {
  const env = { ADMIN_EMAIL: 'ops@example.cn' }
  const message = (password: string) => {
    try {
      loadConfig({ ...env, ADMIN_PASSWORD: password })
      return 'accepted'
    } catch (error) {
      return error instanceof ConfigError ? error.message : String(error)
    }
  }
  t.match(message('ｐａｓｓｗｏｒｄ１２３４'), /ADMIN_PASSWORD is refused: .*most common/)
  t.match(message('e\u0301'.repeat(4) + 'Xy7-ab'), /ADMIN_PASSWORD is refused: .*12 to 128 characters/, 'fourteen code points as sent, ten once normalised')
  t.equal(message('an-operator-chosen-passphrase'), 'accepted')
})

t.test('the account details are compared as stored: trimmed, normalised, any case', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: uniqueEmail('name'), password: 'ＺｈａｎｇＳａｎＦｅｎｇ', name: '  zhangsanfeng  ', organization: { kind: 'enterprise', name: '张三丰企业' } } })
  const body = expectProblem(t, res, 422, 'password_too_common')
  t.same(body['errors'], [{ path: '/password', message: 'matches account details' }])
})
