// Browser: a team of three built, changed and shrunk through the console: the owner invites (the link from the mail outbox), changes roles, deactivates and reactivates; managers and members see only what the API lets them do; both languages with axe.
import t from 'tap'
import type { Page } from 'playwright-core'
import { startServer, launchBrowser, newPage, loginAs, demo, shot, apiAs, DEMO_PASSWORD, type Call } from './browser.ts'
import { seriousViolations } from './axe.ts'
import { linkIn, mailFolder, waitForMails } from './mail-files.ts'

t.setTimeout(400_000)

type Tap = { same: (a: unknown, b: unknown, m: string) => unknown }
type Member = { id: string, email: string, name: string, orgRole: string, status: string, lastLoginAt: string | null }
type Invitation = { id: string, email: string, orgRole: string, status: string }
type Me = { user: { id: string, organizationId: string, orgRole: string } }

const team = {
  owner: demo.enterprise,
  manager: 'manager@autoparts.demo.talent-orders.cn',
  member: 'staff@autoparts.demo.talent-orders.cn'
}

async function axeClean (t: Tap, page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await shot(page, name)
  t.same(await seriousViolations(page), [], `${name}: no serious or critical axe violations`)
}

const row = (page: Page, userId: string) => page.locator(`[data-testid=member-row][data-user-id="${userId}"]`)

/** The members table as the page shows it: each row's user id, role and status, in the API's order. */
const shownMembers = (page: Page) => page.locator('[data-testid=member-row]').evaluateAll((rows) =>
  rows.map((r) => ({ id: r.getAttribute('data-user-id'), orgRole: r.getAttribute('data-org-role'), status: r.getAttribute('data-status') })))

const apiMembers = async (call: Call, orgId: string) =>
  (await call<{ items: Member[] }>('GET', `/v1/organizations/${orgId}/members`)).items.map((m) => ({ id: m.id, orgRole: m.orgRole, status: m.status }))

async function openTeam (page: Page, menuLabel: string) {
  await page.click(`nav.menu >> text=${menuLabel}`)
  await page.waitForURL('**/team')
  await page.waitForSelector('[data-testid=members-table]')
}

const loginStatus = async (base: string, email: string, password = DEMO_PASSWORD) =>
  (await fetch(`${base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).status

t.test('the owner builds, changes and shrinks a team of three, in Chinese and English', async (t) => {
  const outbox = await mailFolder(t)
  const base = await startServer(t, { MAIL_OUTBOX_DIR: outbox, MAIL_POLL_MS: '100' })
  const browser = await launchBrowser(t)
  const asOwner = await apiAs(base, team.owner)
  const me = await asOwner<Me>('GET', '/v1/me')
  const orgId = me.user.organizationId
  t.equal(me.user.orgRole, 'owner')

  const { page } = await newPage(browser, base)
  await loginAs(page, team.owner)
  await openTeam(page, '团队')
  t.match(await page.textContent('h1'), /^团队 · /)
  t.same(await shownMembers(page), await apiMembers(asOwner, orgId), 'the rows are the API\'s members, in its order')
  t.match(await row(page, me.user.id).textContent(), /（本人）[\s\S]*所有者/, 'the owner sees itself marked')
  await axeClean(t, page, 'team-owner-zh')

  // Invite a member: the form, the pending row, and the mail with its console link.
  const email = `chen.jing.${Date.now()}@autoparts.example.cn`
  await page.fill('#invite-email', email)
  await page.fill('#invite-name', '陈静')
  await page.click('[data-testid=send-invitation]')
  await page.waitForSelector(`.alert.notice >> text=已向 ${email} 发送邀请。`)
  const pending = await asOwner<{ items: Invitation[] }>('GET', `/v1/organizations/${orgId}/invitations?status=pending`)
  const invitation = pending.items.find((i) => i.email === email)
  t.ok(invitation, 'the API lists the invitation as pending')
  t.equal(invitation?.orgRole, 'member')
  await page.waitForSelector(`[data-testid=invitation-row][data-invitation-id="${invitation?.id}"][data-status=pending]`)
  const [mail] = await waitForMails(outbox, email)
  const link = linkIn(mail!, 'inv')
  t.ok(link.startsWith(`${base}/invitation#token=inv_`), 'the mail links to the console built from PUBLIC_URL')

  // The invitee joins through the link, in a browser of its own.
  const { page: invitee } = await newPage(browser, base)
  await invitee.goto(link)
  await invitee.waitForSelector('[data-testid=accept-form]')
  t.match(await invitee.textContent('h1'), /加入您的机构/)
  await axeClean(t, invitee, 'invitation-zh')
  await invitee.fill('input[name=email]', email)
  await invitee.fill('input[name=name]', '陈静')
  await invitee.fill('input[name=password]', 'Gearbox-line-2028#')
  await invitee.click('form button[type=submit]')
  await invitee.waitForSelector('nav.menu')
  t.match(await invitee.textContent('.who'), /陈静 · 企业/)
  t.equal(await loginStatus(base, email, 'Gearbox-line-2028#'), 200, 'the invitee logs in with the password it chose')
  const joined = (await asOwner<{ items: Member[] }>('GET', `/v1/organizations/${orgId}/members`)).items.find((m) => m.email === email)
  t.equal(joined?.orgRole, 'member', 'the invitee joined the same organization as a member')

  // Back on the team page: the new person's row, and the invitation is accepted.
  await page.reload()
  await page.waitForSelector(`[data-testid=member-row][data-user-id="${joined?.id}"]`)
  t.same(await shownMembers(page), await apiMembers(asOwner, orgId), 'three people and the new one, as the API says')
  await page.selectOption('[data-testid=invitation-status]', 'accepted')
  await page.waitForSelector(`[data-testid=invitation-row][data-invitation-id="${invitation?.id}"][data-status=accepted]`)
  t.equal(await page.locator(`[data-invitation-id="${invitation?.id}"] [data-testid=resend-invitation]`).count(), 0, 'an accepted invitation offers no resend')

  // Change the newcomer's role to manager.
  await row(page, joined!.id).locator('[data-testid=member-role]').selectOption('manager')
  await row(page, joined!.id).locator('[data-testid=save-role]').click()
  await page.waitForSelector(`[data-testid=member-row][data-user-id="${joined?.id}"][data-org-role=manager]`)
  t.match(await page.textContent('.alert.notice'), /陈静的角色已改为：管理者。/)
  t.equal((await apiMembers(asOwner, orgId)).find((m) => m.id === joined?.id)?.orgRole, 'manager', 'the API says manager')

  // Deactivate the member: their login is refused like bad credentials; reactivate, and it works again.
  const staff = (await asOwner<{ items: Member[] }>('GET', `/v1/organizations/${orgId}/members`)).items.find((m) => m.email === team.member)!
  t.equal(await loginStatus(base, team.member), 200, 'the member logs in before')
  await row(page, staff.id).locator('[data-testid=deactivate]').click()
  await page.waitForSelector(`[data-testid=member-row][data-user-id="${staff.id}"][data-status=deactivated]`)
  t.match(await row(page, staff.id).locator('[data-cell=status]').textContent(), /已停用/)
  t.equal(await loginStatus(base, team.member), 401, 'a deactivated member cannot log in')
  await row(page, staff.id).locator('[data-testid=reactivate]').click()
  await page.waitForSelector(`[data-testid=member-row][data-user-id="${staff.id}"][data-status=active]`)
  t.equal(await loginStatus(base, team.member), 200, 'reactivated, the member logs in again')

  // The last owner cannot step down: the API's 409, in words, and nothing changes.
  await row(page, me.user.id).locator('[data-testid=member-role]').selectOption('member')
  await row(page, me.user.id).locator('[data-testid=save-role]').click()
  await page.waitForSelector('.alert.error')
  t.match(await page.textContent('.alert.error'), /至少要保留一名正常状态的所有者/)
  t.equal(await row(page, me.user.id).getAttribute('data-org-role'), 'owner', 'the page still shows an owner')
  t.equal(await row(page, me.user.id).locator('[data-testid=member-role]').inputValue(), 'owner', 'the select went back')
  t.equal((await apiMembers(asOwner, orgId)).find((m) => m.id === me.user.id)?.orgRole, 'owner', 'the API still says owner')

  // In English: resend (the first link stops working) and revoke.
  await page.click('[data-testid=lang-switch]')
  await page.waitForSelector('html[lang=en]')
  t.match(await page.textContent('h1'), /^Team · /)
  const second = `zhou.min.${Date.now()}@autoparts.example.cn`
  await page.selectOption('[data-testid=invitation-status]', 'pending')
  await page.fill('#invite-email', second)
  await page.selectOption('#invite-role', 'manager')
  await page.click('[data-testid=send-invitation]')
  await page.waitForSelector(`.alert.notice >> text=Invitation sent to ${second}.`)
  const secondRow = page.locator('[data-testid=invitation-row]', { hasText: second })
  await secondRow.waitFor()
  t.match(await secondRow.textContent(), /Role: Manager/)
  await axeClean(t, page, 'team-owner-en')
  const [firstMail] = await waitForMails(outbox, second)
  await secondRow.locator('[data-testid=resend-invitation]').click()
  await page.waitForSelector(`.alert.notice >> text=A new link went to ${second}; the earlier one no longer works.`)
  const mails = await waitForMails(outbox, second, 2)
  t.not(linkIn(mails[1]!, 'inv'), linkIn(firstMail!, 'inv'), 'the resent mail holds a new token')

  const { page: late } = await newPage(browser, base)
  await late.goto(linkIn(firstMail!, 'inv'))
  await late.click('[data-testid=lang-switch]')
  await late.waitForSelector('html[lang=en]')
  await late.fill('input[name=email]', second)
  await late.fill('input[name=name]', 'Zhou Min')
  await late.fill('input[name=password]', 'Gearbox-line-2028#')
  await late.click('form button[type=submit]')
  await late.waitForSelector('.alert.error')
  t.match(await late.textContent('.alert.error'), /This invitation link is not valid/, 'the first link no longer works')
  await axeClean(t, late, 'invitation-invalid-en')

  await secondRow.locator('[data-testid=revoke-invitation]').click()
  await page.waitForSelector(`.alert.notice >> text=The invitation to ${second} is revoked.`)
  t.equal(await page.locator('[data-testid=invitation-row]', { hasText: second }).count(), 0, 'gone from the pending list')
  const all = await asOwner<{ items: Invitation[] }>('GET', `/v1/organizations/${orgId}/invitations`)
  t.equal(all.items.find((i) => i.email === second)?.status, 'revoked', 'the API says revoked')
  const { page: revoked } = await newPage(browser, base)
  await revoked.goto(linkIn(mails[1]!, 'inv'))
  await revoked.fill('input[name=email]', second)
  await revoked.fill('input[name=name]', 'Zhou Min')
  await revoked.fill('input[name=password]', 'Gearbox-line-2028#')
  await revoked.click('form button[type=submit]')
  await revoked.waitForSelector('.alert.error')
  t.match(await revoked.textContent('.alert.error'), /邀请链接无效/, 'a revoked invitation\'s link does not work')
})

t.test('managers and members are offered only what the API allows them', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const asManager = await apiAs(base, team.manager)
  const asMember = await apiAs(base, team.member)
  const orgId = (await asManager<Me>('GET', '/v1/me')).user.organizationId
  const members = (await asManager<{ items: Member[] }>('GET', `/v1/organizations/${orgId}/members`)).items
  const byEmail = (email: string) => members.find((m) => m.email === email)!

  const { page } = await newPage(browser, base)
  await loginAs(page, team.manager)
  await page.click('[data-testid=lang-switch]')
  await page.waitForSelector('html[lang=en]')
  await openTeam(page, 'Team')
  t.equal(await page.locator('[data-testid=member-role]').count(), 0, 'a manager is offered no role change')
  t.equal(await row(page, byEmail(team.owner).id).locator('button').count(), 0, 'nor any change of the owner')
  t.equal(await row(page, byEmail(team.member).id).locator('[data-testid=deactivate]').count(), 1, 'but deactivating a member')
  t.equal(await page.locator('[data-testid=invite-form]').count(), 1, 'and inviting')
  await t.rejects(asManager('PATCH', `/v1/organizations/${orgId}/members/${byEmail(team.member).id}`, { orgRole: 'manager' }), /: 403 /, 'the API refuses a manager\'s role change')
  await t.rejects(asManager('PATCH', `/v1/organizations/${orgId}/members/${byEmail(team.owner).id}`, { status: 'deactivated' }), /: 403 /, 'and a manager deactivating the owner')
  await axeClean(t, page, 'team-manager-en')

  const { page: mp } = await newPage(browser, base)
  await loginAs(mp, team.member)
  await openTeam(mp, '团队')
  t.same(await shownMembers(mp), await apiMembers(asMember, orgId), 'a member reads the team')
  t.equal(await mp.locator('[data-testid=members-table] button, [data-testid=members-table] select').count(), 0, 'with nothing to change')
  t.equal(await mp.locator('[data-testid=invite-form]').count(), 0, 'and no invitations')
  t.match(await mp.textContent('[data-testid=team-read-only]'), /只有所有者和管理者可以调整团队/)
  await t.rejects(asMember('GET', `/v1/organizations/${orgId}/invitations`), /: 403 /, 'the API refuses a member the invitations')
  await axeClean(t, mp, 'team-member-zh')

  const { page: cp } = await newPage(browser, base)
  await loginAs(cp, demo.coordinator)
  t.equal(await cp.locator('nav.menu >> text=团队').count(), 0, 'a coordinator has no team in its menu')
})
