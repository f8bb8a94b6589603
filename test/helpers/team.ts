// Test helpers for organizations with several people: reading tokens from the mail outbox, inviting and joining.
import type { FastifyInstance } from 'fastify'
import { api, PASSWORD, uniqueEmail, type Session } from '../helper.ts'

export type OutboxMail = { recipient: string, subject: string, body: string }

/** The mail written to the outbox for a recipient, oldest first (what the mail worker would send). */
export async function mailsTo (app: FastifyInstance, recipient: string): Promise<OutboxMail[]> {
  return await app.data.all<OutboxMail>(
    'select recipient, subject, body from mail_outbox where recipient = @recipient order by created_at, id', { recipient })
}

/** The token of a link in a mail body (`…#token=inv_…`); throws when there is none. */
export function tokenIn (body: string, prefix: 'inv' | 'rst'): string {
  const found = body.match(new RegExp(`#token=(${prefix}_[A-Za-z0-9_-]+)`))
  if (!found?.[1]) throw new Error(`no ${prefix} token in the mail:\n${body}`)
  return found[1]
}

/** The token of the newest mail to the recipient. */
export async function latestToken (app: FastifyInstance, recipient: string, prefix: 'inv' | 'rst'): Promise<string> {
  const mails = await mailsTo(app, recipient)
  const last = mails[mails.length - 1]
  if (!last) throw new Error(`no mail to ${recipient}`)
  return tokenIn(last.body, prefix)
}

/** Invites an email through the API; returns the invitation and the token mailed for it. */
export async function invite (app: FastifyInstance, inviter: Session, organizationId: string, orgRole: 'manager' | 'member', email = uniqueEmail(orgRole)) {
  const res = await api(app, inviter.token, { method: 'POST', url: `/v1/organizations/${organizationId}/invitations`, payload: { email, orgRole } })
  if (res.statusCode !== 201) throw new Error(`invitation failed: ${res.statusCode} ${res.body}`)
  return { invitation: res.json() as { id: string, email: string }, email, token: await latestToken(app, email, 'inv') }
}

/** Registers with an invitation token; returns the response. */
export const registerWithToken = (app: FastifyInstance, email: string, invitationToken: string, name = '李娜') =>
  app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD, name, invitationToken } })

/** Invites and joins: a new person of the organization with the role, logged in. */
export async function addPerson (app: FastifyInstance, inviter: Session, organizationId: string, orgRole: 'manager' | 'member', name = '王强'): Promise<Session & { email: string }> {
  const { email, token } = await invite(app, inviter, organizationId, orgRole)
  const res = await registerWithToken(app, email, token, name)
  if (res.statusCode !== 201) throw new Error(`joining failed: ${res.statusCode} ${res.body}`)
  const body = res.json()
  return { token: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, organizationId: body.organization.id, email }
}

/** PATCH of a member. */
export const patchMember = (app: FastifyInstance, caller: Session, organizationId: string, userId: string, payload: Record<string, unknown>) =>
  api(app, caller.token, { method: 'PATCH', url: `/v1/organizations/${organizationId}/members/${userId}`, payload })
