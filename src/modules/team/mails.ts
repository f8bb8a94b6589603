// The invitation mail, written to the outbox in the caller's transaction.
import type { Executor } from '../../../db/executor.ts'
import { enqueueMail, invitationMail } from '../mail/index.ts'

/** The console page the link opens; the token travels in the fragment, which browsers never send to a server. */
export const invitationLink = (publicUrl: string, token: string) => `${publicUrl}/invitation#token=${token}`

export type InvitationMailInput = {
  to: string
  organizationName: string
  inviterName: string
  orgRole: 'manager' | 'member'
  token: string
  expiresAt: string
}

export async function sendInvitation (tx: Executor, publicUrl: string, input: InvitationMailInput, at: Date): Promise<void> {
  const { to, token, ...details } = input
  await enqueueMail(tx, { to, ...invitationMail({ ...details, acceptUrl: invitationLink(publicUrl, token) }) }, at)
}
