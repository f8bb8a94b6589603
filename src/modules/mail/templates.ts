// The text of the mail the server sends: Chinese first, English beneath (DESIGN), one link, nothing secret outside it.
const ROLE_NAMES = {
  manager: { zh: '经理', en: 'manager' },
  member: { zh: '成员', en: 'member' }
} as const

/** An instant as people read it: Beijing time in the Chinese part, UTC in the English one. */
function when (instant: string | Date): { zh: string, en: string } {
  const at = new Date(instant)
  const beijing = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }).format(at)
  const utc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' }).format(at)
  return { zh: `${beijing}（北京时间）`, en: `${utc} UTC` }
}

export type Mail = { subject: string, text: string }

/** A name as it goes into a subject or a sentence: one line, spaces collapsed. */
const oneLine = (name: string) => name.replace(/\s+/g, ' ').trim()

export type InvitationMailInput = {
  organizationName: string
  inviterName: string
  orgRole: 'manager' | 'member'
  /** The console's page with the token in its fragment: `${PUBLIC_URL}/invitation#token=inv_…`. */
  acceptUrl: string
  expiresAt: string | Date
}

export type PasswordResetMailInput = {
  name: string
  /** `${PUBLIC_URL}/password-reset#token=rst_…` or the like. */
  resetUrl: string
  expiresAt: string | Date
}

/** The invitation: who invites, to which organization, in which role, the link and until when it works. */
export function invitationMail (input: InvitationMailInput): Mail {
  const role = ROLE_NAMES[input.orgRole]
  const until = when(input.expiresAt)
  const organization = oneLine(input.organizationName)
  const inviter = oneLine(input.inviterName)
  return {
    subject: `邀请您加入「${organization}」 / Invitation to join ${organization}`,
    text: [
      '您好！',
      '',
      `${inviter} 邀请您以${role.zh}身份加入「${organization}」在订单培养平台上的团队。`,
      '请打开下面的链接，设置密码，完成注册：',
      '',
      input.acceptUrl,
      '',
      `链接有效期至 ${until.zh}，只能使用一次。如果您不认识邀请人，请忽略本邮件。`,
      '',
      '——',
      '',
      'Hello,',
      '',
      `${inviter} has invited you to join the ${organization} team on Talent Orders as a ${role.en}.`,
      'Open the link above to choose a password and create your account.',
      '',
      `The link works once, until ${until.en}. If you do not know who invited you, ignore this message.`,
      ''
    ].join('\n')
  }
}

/** The password reset: the link, until when it works, and what to do when the request was not the reader's. */
export function passwordResetMail (input: PasswordResetMailInput): Mail {
  const until = when(input.expiresAt)
  const name = oneLine(input.name)
  return {
    subject: '重置您的密码 / Reset your password',
    text: [
      `${name}，您好！`,
      '',
      '我们收到了重置您订单培养平台账号密码的请求。请打开下面的链接设置新密码：',
      '',
      input.resetUrl,
      '',
      `链接有效期至 ${until.zh}，只能使用一次。设置新密码后，您在所有设备上的登录都将退出。`,
      '如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。',
      '',
      '——',
      '',
      `Hello ${name},`,
      '',
      'We received a request to reset the password of your Talent Orders account. Open the link above to set a new one.',
      '',
      `The link works once, until ${until.en}. Setting a new password signs you out on every device.`,
      'If you did not ask for this, ignore this message: your password stays as it is.',
      ''
    ].join('\n')
  }
}
