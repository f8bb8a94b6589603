// Browser: login through the stable hooks, Chinese by default and the language switch remembered, logout, quiet refresh past the access token's expiry.
import t from 'tap'
import { startServer, launchBrowser, newPage, loginAs, demo, shot } from './browser.ts'

t.setTimeout(300_000)

t.test('Chinese by default whatever the browser says; the switch shows in html[lang] and survives a reload', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const { page } = await newPage(browser, base) // the browser asks for en-US
  await page.goto('/login')
  await page.waitForSelector('input[name=email]')
  t.equal(await page.getAttribute('html', 'lang'), 'zh-CN')
  t.equal(await page.textContent('h1'), '登录')
  t.equal(await page.locator('form button[type=submit]').count(), 1, 'one submit button')
  await shot(page, 'login-zh')

  await page.click('[data-testid=lang-switch]')
  await page.locator('html[lang=en]').waitFor({ state: 'attached' })
  t.equal(await page.textContent('h1'), 'Log in')
  await page.reload()
  await page.waitForSelector('input[name=email]')
  t.equal(await page.getAttribute('html', 'lang'), 'en', 'remembered after reload')
  t.equal(await page.textContent('h1'), 'Log in')
  await shot(page, 'login-en')

  await page.click('[data-testid=lang-switch]')
  await page.locator('html[lang=zh-CN]').waitFor({ state: 'attached' })
  t.equal(await page.textContent('h1'), '登录')
})

t.test('login, the session survives a reload without tokens in storage, logout ends it', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const { page, context } = await newPage(browser, base)
  const bad = await (async () => {
    await page.goto('/login')
    await page.fill('input[name=email]', demo.enterprise)
    await page.fill('input[name=password]', 'not-the-password-123')
    await page.click('form button[type=submit]')
    return page.waitForSelector('[role=alert]')
  })()
  t.match(await bad.textContent(), /邮箱或密码错误/)

  await loginAs(page, demo.enterprise)
  await page.locator('h1', { hasText: '您好' }).waitFor()
  const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie')
  t.notMatch(stored, /eyJ|talent_refresh/, 'no access or refresh token in web storage or script-visible cookies')
  const cookie = (await context.cookies()).find((c) => c.name === 'talent_refresh')
  t.match(cookie, { httpOnly: true, sameSite: 'Strict', path: '/v1/auth' })

  await page.reload()
  await page.locator('h1', { hasText: '您好' }).waitFor()
  t.ok(await page.isVisible('nav.menu'), 'still logged in after a reload (the cookie refreshed quietly)')

  await page.click('text=退出登录')
  await page.waitForSelector('input[name=email]')
  t.notOk((await context.cookies()).find((c) => c.name === 'talent_refresh'), 'cookie cleared')
  await page.goto('/orders')
  await page.waitForSelector('input[name=email]')
  t.match(page.url(), /\/login/, 'a protected page asks to log in again')
})

t.test('the console keeps working past the access token expiry, refreshing quietly', async (t) => {
  const base = await startServer(t, { ACCESS_TOKEN_TTL: '30' })
  const browser = await launchBrowser(t)
  const { page } = await newPage(browser, base)
  await loginAs(page, demo.college)
  const refreshes: number[] = []
  page.on('response', (res) => { if (res.url().endsWith('/v1/auth/refresh')) refreshes.push(res.status()) })
  // Let the first access token expire (30 s), then use the console.
  await page.waitForTimeout(35_000)
  // The home page lists order rows too: wait for the navigation (to the orders page, or a detour to the login page) first.
  await Promise.all([page.waitForURL(/\/(orders|login)/), page.click('nav.menu >> text=订单')])
  await page.waitForSelector('[data-testid=order-row]')
  t.ok(refreshes.length >= 1, 'the console refreshed its access token')
  t.ok(refreshes.every((s) => s === 200), 'every refresh succeeded')
  t.match(page.url(), /\/orders$/, 'no detour to the login page')
})
