// Where mail goes: an SMTP server through nodemailer (SMTP_URL), JSON files in MAIL_OUTBOX_DIR, or the log.
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import nodemailer from 'nodemailer'
import type { Config } from '../../config.ts'
import type { ClaimedMail } from './outbox.ts'

export type MailTransport = {
  kind: 'smtp' | 'files' | 'log'
  /** Sends one message; throws when it was not accepted (the worker retries it), and gives up when `signal` aborts. */
  send: (mail: ClaimedMail, signal: AbortSignal) => Promise<void>
  close: () => void
}

/** Each SMTP step (connecting, the greeting, every later answer) must come within this long. */
const SMTP_STEP_TIMEOUT_MS = 10_000

/** nodemailer parses the URL itself (host, port, `smtps:`, credentials, `?tls.…` options); one connection a message. */
function smtpTransport (url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: SMTP_STEP_TIMEOUT_MS,
    greetingTimeout: SMTP_STEP_TIMEOUT_MS,
    socketTimeout: SMTP_STEP_TIMEOUT_MS
  })
  return {
    kind: 'smtp',
    send: async (mail, signal) => {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, signal })
    },
    close: () => transporter.close()
  }
}

/** The file of a message: its creation instant first, so that a listing sorts by time, then its id, so that names are unique. */
export const mailFileName = (mail: Pick<ClaimedMail, 'id' | 'createdAt'>) =>
  `${new Date(mail.createdAt).toISOString().replace(/[:.]/g, '-')}-${mail.id}.json`

/** One JSON file a message, written whole: under a temporary name, then renamed (readers never see half a file). */
function fileTransport (dir: string): MailTransport {
  return {
    kind: 'files',
    send: async (mail) => {
      await mkdir(dir, { recursive: true })
      const name = mailFileName(mail)
      const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`)
      const body = JSON.stringify({ to: mail.to, subject: mail.subject, text: mail.text, createdAt: mail.createdAt }, null, 2)
      try {
        await writeFile(temporary, body + '\n', { encoding: 'utf8', flag: 'wx' })
        await rename(temporary, join(dir, name))
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
    },
    close: () => {}
  }
}

/** The development fallback: the whole message, link included, at info level. */
function logTransport (log: FastifyBaseLogger): MailTransport {
  return {
    kind: 'log',
    send: async (mail) => {
      log.info({ mail: { id: mail.id, to: mail.to, subject: mail.subject, text: mail.text } }, 'mail logged, not sent (neither SMTP_URL nor MAIL_OUTBOX_DIR is set)')
    },
    close: () => {}
  }
}

export type MailConfig = Pick<Config, 'SMTP_URL' | 'MAIL_OUTBOX_DIR' | 'MAIL_FROM'>

/** The transport the configuration asks for: SMTP_URL first, then MAIL_OUTBOX_DIR, else the log. */
export function createMailTransport (config: MailConfig, log: FastifyBaseLogger): MailTransport {
  if (config.SMTP_URL !== undefined) return smtpTransport(config.SMTP_URL, config.MAIL_FROM)
  if (config.MAIL_OUTBOX_DIR !== undefined) return fileTransport(config.MAIL_OUTBOX_DIR)
  return logTransport(log)
}

type SmtpError = { responseCode?: unknown, command?: unknown }

/**
 * A refusal that trying again cannot change: the server answered 5xx to the recipient or to the message itself.
 * Everything else (no connection, a timeout, 4xx, a refused login or sender, which configuration can fix) is retried.
 */
export function isPermanentRefusal (error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { responseCode, command } = error as SmtpError
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && (command === 'RCPT TO' || command === 'DATA')
}
