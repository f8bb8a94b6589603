// The password reset mail, written to the outbox in the caller's transaction.
import type { Executor } from '../../../db/executor.ts'
import { enqueueMail, passwordResetMail } from '../mail/index.ts'

/** The console page the link opens; the token travels in the fragment, which browsers never send to a server. */
export const resetLink = (publicUrl: string, token: string) => `${publicUrl}/password-reset#token=${token}`

export async function sendPasswordReset (tx: Executor, publicUrl: string, input: { to: string, name: string, token: string, expiresAt: string }, at: Date): Promise<void> {
  const mail = passwordResetMail({ name: input.name, resetUrl: resetLink(publicUrl, input.token), expiresAt: input.expiresAt })
  await enqueueMail(tx, { to: input.to, ...mail }, at)
}
