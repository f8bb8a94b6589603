// The mail module's public surface: writing to the outbox, the message texts, the worker plugin.
export { enqueueMail, type OutgoingMail } from './outbox.ts'
export { invitationMail, passwordResetMail, type InvitationMailInput, type Mail, type PasswordResetMailInput } from './templates.ts'
export { mailWorkerPlugin, MailWorker } from './worker.ts'
