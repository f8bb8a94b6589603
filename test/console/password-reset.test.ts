// Browser: password reset end to end through the development outbox: from the login page, the same answer for an unknown email, the mailed link, a new password, every session ended, a used link refused; both languages with axe.
import t from 'tap'
import type { Page } from 'playwright-core'
import { startServer, launchBrowser, newPage, loginAs, demo, shot, DEMO_PASSWORD } from './browser.ts'
import { seriousViolations } from './axe.ts'
import { linkIn, mailFolder, waitForMails } from './mail-files.ts'

t.setTimeout(300_000)

type Tap = { same: (a: unknown, b: unknown, m: string) => unknown }

async function axeClean (t: Tap, page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await shot(page, name)
  t.same(await seriousViolations(page), [], `${name}: no serious or critical axe violations`)
}

const NEW_PASSWORD = 'Aluminum-coil-line-77!'

const loginStatus = async (base: string, email: string, password: string) =>
  (await fetch(`${base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).status

t.test('a college user resets a forgotten password through the mailed link', async (t) => {
  const outbox = await mailFolder(t)
  const base = await startServer(t, { MAIL_OUTBOX_DIR: outbox, MAIL_POLL_MS: '100' })
  const browser = await launchBrowser(t)

  // A session open elsewhere, which the reset must end.
  const { page: other } = await newPage(browser, base)
  await loginAs(other, demo.college)

  const { page } = await newPage(browser, base)
  await page.goto('/login')
  await page.click('[data-testid=forgot-password]')
  await page.waitForURL('**/password-reset')
  await page.waitForSelector('[data-testid=reset-request-form]')
  t.match(await page.textContent('h1'), /重置密码/)
  await axeClean(t, page, 'reset-request-zh')

  // An unknown email gets the same answer, and no mail goes anywhere.
  const unknown = `nobody.${Date.now()}@example.cn`
  await page.fill('input[name=email]', unknown)
  await page.click('form button[type=submit]')
  await page.waitForSelector('.alert.notice')
  t.equal(await page.textContent('.alert.notice'), `如果 ${unknown} 已注册账号，重置密码的链接已发往该邮箱，请查收；链接 30 分钟内有效。`)

  await page.fill('input[name=email]', demo.college)
  await page.click('form button[type=submit]')
  await page.waitForSelector(`.alert.notice >> text=如果 ${demo.college} 已注册账号`)
  const [mail] = await waitForMails(outbox, demo.college)
  t.match(mail!.text, /重置[\s\S]*只能使用一次[\s\S]*reset the password[\s\S]*works once/, 'the mail, in Chinese with English beneath')
  const link = linkIn(mail!, 'rst')
  t.ok(link.startsWith(`${base}/password-reset#token=rst_`), 'the link opens the console\'s reset page')
  t.same(await waitForMails(outbox, unknown, 0), [], 'nothing was mailed for the unknown email')

  // The link, in English: two different passwords are caught before the API is asked; then the new one is set.
  const { page: reset } = await newPage(browser, base)
  await reset.goto(link)
  await reset.click('[data-testid=lang-switch]')
  await reset.waitForSelector('html[lang=en]')
  await reset.waitForSelector('[data-testid=reset-confirm-form]')
  t.match(await reset.textContent('h1'), /Set a new password/)
  await axeClean(t, reset, 'reset-confirm-en')
  await reset.fill('input[name=newPassword]', NEW_PASSWORD)
  await reset.fill('input[name=repeat]', `${NEW_PASSWORD}x`)
  await reset.click('form button[type=submit]')
  await reset.waitForSelector('.alert.error >> text=The two passwords differ.')
  t.equal(await loginStatus(base, demo.college, DEMO_PASSWORD), 200, 'the old password still works: nothing was sent')

  // A too-common password is the API's refusal, in words.
  await reset.fill('input[name=newPassword]', 'password1234')
  await reset.fill('input[name=repeat]', 'password1234')
  await reset.click('form button[type=submit]')
  await reset.waitForSelector('.alert.error >> text=This password is too common. Choose another.')

  await reset.fill('input[name=newPassword]', NEW_PASSWORD)
  await reset.fill('input[name=repeat]', NEW_PASSWORD)
  await reset.click('form button[type=submit]')
  await reset.waitForURL('**/login?reset=1')
  t.match(await reset.textContent('.alert.notice'), /Your password is changed and every session of the account has ended/)
  await axeClean(t, reset, 'reset-done-en')
  t.equal(await loginStatus(base, demo.college, DEMO_PASSWORD), 401, 'the old password no longer works')
  await loginAs(reset, demo.college, NEW_PASSWORD)
  t.pass('the new password logs in')

  // The other session ended: its next refresh is refused, and the console sends it to the login page.
  await other.reload()
  await other.waitForURL('**/login**')
  t.pass('the session open elsewhere has ended')

  // The link is used: opened again, the API refuses it, and the page offers a new one.
  const { page: again } = await newPage(browser, base)
  await again.goto(link)
  await again.fill('input[name=newPassword]', 'Another-strong-pass-88')
  await again.fill('input[name=repeat]', 'Another-strong-pass-88')
  await again.click('form button[type=submit]')
  await again.waitForSelector('.alert.error')
  t.match(await again.textContent('.alert.error'), /链接无效：可能已过期（30 分钟）或已被使用/)
  await axeClean(t, again, 'reset-used-zh')
  await again.click('[data-testid=request-again]')
  await again.waitForSelector('[data-testid=reset-request-form]')
  t.pass('the page goes back to asking for a new link')
})
