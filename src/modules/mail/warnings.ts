// What the mail configuration warns about at start in production: mail that reaches only the log, links to this machine.
import type { Config } from '../../config.ts'

/** Hosts that only this machine (or no machine) can open: 0.0.0.0, ::, localhost, 127.x.x.x, ::1. */
const LOCAL_HOST = /^(0\.0\.0\.0|\[::\]|localhost|127(\.\d{1,3}){3}|\[::1\])$/i

/** The warnings to log once at start; none outside production. */
export function mailWarnings (config: Pick<Config, 'isProduction' | 'SMTP_URL' | 'MAIL_OUTBOX_DIR' | 'PUBLIC_URL'>): string[] {
  if (!config.isProduction) return []
  const warnings: string[] = []
  if (config.SMTP_URL === undefined && config.MAIL_OUTBOX_DIR === undefined) {
    warnings.push('neither SMTP_URL nor MAIL_OUTBOX_DIR is set: invitation and password reset mail, links included, is written to the log and reaches no one')
  }
  if (LOCAL_HOST.test(new URL(config.PUBLIC_URL).hostname)) {
    warnings.push(`PUBLIC_URL is ${config.PUBLIC_URL}: links in mail lead to no console anyone else can open; set PUBLIC_URL to the console's public address`)
  }
  return warnings
}
