// The mail keys of the configuration (SMTP_URL, MAIL_OUTBOX_DIR, MAIL_FROM, MAIL_POLL_MS, PUBLIC_URL) and the warnings at start.
import t, { type Test } from 'tap'
import { ConfigError, loadConfig } from '../../../src/config.ts'
import { mailWarnings } from '../../../src/modules/mail/warnings.ts'

const SECRET = 'production-secret-that-is-long-enough-0123456789'

function refused (t: Test, env: Record<string, string>, pattern: RegExp, message: string) {
  let caught: unknown
  try {
    loadConfig(env)
  } catch (error) {
    caught = error
  }
  t.ok(caught instanceof ConfigError, `${message}: a ConfigError`)
  t.match((caught as Error | undefined)?.message, pattern, message)
}

t.test('defaults: no SMTP, no folder, a sender, a pass a second, PUBLIC_URL from HOST and PORT', async (t) => {
  const config = loadConfig({})
  t.equal(config.SMTP_URL, undefined)
  t.equal(config.MAIL_OUTBOX_DIR, undefined)
  t.equal(config.MAIL_FROM, 'Talent Orders <no-reply@talent-orders.local>')
  t.equal(config.MAIL_POLL_MS, 1000)
  t.equal(config.PUBLIC_URL, 'http://127.0.0.1:3000')
  t.equal(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).PUBLIC_URL, 'http://0.0.0.0:8080')
  t.equal(loadConfig({ HOST: '::1' }).PUBLIC_URL, 'http://[::1]:3000', 'an IPv6 host in brackets')
})

t.test('accepted values', async (t) => {
  const config = loadConfig({
    SMTP_URL: 'smtps://mailer%40example.cn:p%40ss@smtp.example.cn:465',
    MAIL_OUTBOX_DIR: './data/outbox',
    MAIL_FROM: 'hr@example.cn',
    MAIL_POLL_MS: '0',
    PUBLIC_URL: 'https://talent.example.cn/console/'
  })
  t.match(config, { SMTP_URL: 'smtps://mailer%40example.cn:p%40ss@smtp.example.cn:465', MAIL_OUTBOX_DIR: './data/outbox', MAIL_FROM: 'hr@example.cn', MAIL_POLL_MS: 0 })
  t.equal(config.PUBLIC_URL, 'https://talent.example.cn/console', 'the trailing slash dropped')
  t.equal(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).SMTP_URL, 'smtp://127.0.0.1:2525')
  t.equal(loadConfig({ MAIL_FROM: '人才订单 <no-reply@example.cn>' }).MAIL_FROM, '人才订单 <no-reply@example.cn>')
})

t.test('refused values, with readable messages', async (t) => {
  refused(t, { SMTP_URL: 'http://smtp.example.cn' }, /SMTP_URL must match pattern/, 'not smtp: or smtps:')
  refused(t, { SMTP_URL: 'smtp:///nohost' }, /SMTP_URL must be a URL such as smtp:/, 'no host')
  refused(t, { SMTP_URL: 'smtp://[mail.example.cn' }, /SMTP_URL must be a URL/, 'unparseable')
  refused(t, { MAIL_FROM: 'no address' }, /MAIL_FROM must match pattern/, 'sender without an address')
  refused(t, { MAIL_OUTBOX_DIR: '' }, /MAIL_OUTBOX_DIR must NOT have fewer than 1 characters/, 'empty folder')
  refused(t, { MAIL_POLL_MS: '-1' }, /MAIL_POLL_MS must be >= 0/, 'negative interval')
  refused(t, { MAIL_POLL_MS: 'often' }, /MAIL_POLL_MS must be integer/, 'not a number')
  refused(t, { PUBLIC_URL: 'ftp://talent.example.cn' }, /PUBLIC_URL must match pattern/, 'not http(s)')
  refused(t, { PUBLIC_URL: 'talent.example.cn' }, /PUBLIC_URL must match pattern/, 'no scheme')
  refused(t, { PUBLIC_URL: 'https://talent.example.cn/?x=1' }, /PUBLIC_URL must match pattern/, 'a query')
  refused(t, { PUBLIC_URL: 'https://talent.example.cn/#top' }, /PUBLIC_URL must match pattern/, 'a fragment')
  refused(t, { PUBLIC_URL: 'https://exa mple.cn' }, /PUBLIC_URL must match pattern/, 'a space')
  refused(t, { PUBLIC_URL: 'https://[bad' }, /PUBLIC_URL must be an http/, 'unparseable')
})

t.test('warnings at start: only in production, for mail that reaches no one and links to this machine', async (t) => {
  t.same(mailWarnings(loadConfig({})), [], 'none in development')
  const production = (env: Record<string, string>) => mailWarnings(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, ...env }))
  const both = production({})
  t.equal(both.length, 2)
  t.match(both[0], /neither SMTP_URL nor MAIL_OUTBOX_DIR is set/)
  t.match(both[1], /PUBLIC_URL is http:\/\/127\.0\.0\.1:3000/)
  t.match(production({ HOST: '0.0.0.0', MAIL_OUTBOX_DIR: '/var/mail/out' }), [/PUBLIC_URL is http:\/\/0\.0\.0\.0:3000/])
  t.match(production({ PUBLIC_URL: 'http://[::1]:3000', SMTP_URL: 'smtp://smtp.example.cn' }), [/PUBLIC_URL/])
  t.same(production({ SMTP_URL: 'smtp://smtp.example.cn', PUBLIC_URL: 'https://talent.example.cn' }), [], 'none when both are set')
})
