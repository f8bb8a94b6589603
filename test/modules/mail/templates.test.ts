// The mail texts: Chinese first with English beneath, the link once, the expiry in both, nothing secret elsewhere.
import t from 'tap'
import { invitationMail, passwordResetMail } from '../../../src/modules/mail/index.ts'

const LINK = 'https://console.example.cn/invitation#token=inv_abc'

t.test('the invitation names the organization, the inviter and the role in both languages', async (t) => {
  const mail = invitationMail({ organizationName: '宁波精工汽车零部件有限公司', inviterName: '陈经理', orgRole: 'manager', acceptUrl: LINK, expiresAt: '2027-01-17T08:00:00.000Z' })
  t.match(mail.subject, /宁波精工汽车零部件有限公司.*\/ Invitation to join/)
  t.equal(mail.text.split(LINK).length - 1, 1, 'the link once')
  const english = mail.text.indexOf('Hello')
  const chinese = mail.text.indexOf('陈经理 邀请您以经理身份加入')
  t.ok(chinese >= 0 && english > chinese, 'Chinese first')
  t.match(mail.text.slice(english), /as a manager/)
  t.match(mail.text, /2027年1月17日.*16:00（北京时间）/)
  t.match(mail.text, /17 January 2027.*08:00 UTC/)
  t.match(invitationMail({ organizationName: 'X', inviterName: 'Y', orgRole: 'member', acceptUrl: LINK, expiresAt: '2027-01-17T08:00:00.000Z' }).text, /以成员身份[\s\S]*as a member/)
})

t.test('the reset mail: the link, its expiry, and that every session ends', async (t) => {
  const url = 'https://console.example.cn/password-reset#token=rst_abc'
  const mail = passwordResetMail({ name: '周主管', resetUrl: url, expiresAt: new Date('2027-01-10T08:30:00.000Z') })
  t.match(mail.subject, /重置您的密码 \/ Reset your password/)
  t.equal(mail.text.split(url).length - 1, 1)
  t.ok(mail.text.indexOf('周主管，您好') < mail.text.indexOf('Hello 周主管'), 'Chinese first')
  t.match(mail.text, /2027年1月10日 16:30（北京时间）[\s\S]*10 January 2027 at 08:30 UTC/, 'the expiry in both, a Date accepted')
  t.match(mail.text, /所有设备[\s\S]*signs you out on every device/)
})

t.test('no token outside the link; names on one line', async (t) => {
  const token = 'inv_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo'
  const mail = invitationMail({ organizationName: '华东\n机械', inviterName: ' 张  伟 ', orgRole: 'member', acceptUrl: `https://c.example.cn/invitation#token=${token}`, expiresAt: '2027-01-17T08:00:00.000Z' })
  t.notOk(mail.subject.includes(token), 'not in the subject')
  t.equal(mail.text.split(token).length - 1, 1, 'once in the text, inside the link')
  t.notOk(mail.text.replace(`https://c.example.cn/invitation#token=${token}`, '').includes('inv_'), 'nothing else looks like a token')
  t.equal(mail.subject, '邀请您加入「华东 机械」 / Invitation to join 华东 机械', 'a subject of one line')
  t.match(mail.text, /^张 伟 邀请您以成员身份加入「华东 机械」/m)
  t.match(mail.text, /^张 伟 has invited you to join the 华东 机械 team on Talent Orders as a member\.$/m)
})
