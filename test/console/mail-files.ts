// Browser tests' mailbox: the server writes each mail as a JSON file in MAIL_OUTBOX_DIR; these read the links out of them.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

type Tap = { teardown: (fn: () => unknown) => void }
export type MailFile = { to: string, subject: string, text: string, createdAt: string }

/** A fresh folder for the server's MAIL_OUTBOX_DIR, removed with the test. */
export async function mailFolder (t: Tap): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'talent-orders-mail-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function mailsIn (dir: string, to: string): Promise<MailFile[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort()
  const mails = await Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as MailFile))
  return mails.filter((m) => m.to === to)
}

/** Waits until `count` mails to the address are delivered (the worker polls every MAIL_POLL_MS); returns them, oldest first. */
export async function waitForMails (dir: string, to: string, count = 1): Promise<MailFile[]> {
  for (let i = 0; i < 100; i++) {
    const mails = await mailsIn(dir, to)
    if (mails.length >= count) return mails
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`fewer than ${count} mails to ${to} in ${dir}`)
}

/** The console link of a mail (`…/invitation#token=inv_…` or `…/password-reset#token=rst_…`). */
export function linkIn (mail: MailFile, prefix: 'inv' | 'rst'): string {
  const found = mail.text.match(new RegExp(`https?://\\S+#token=${prefix}_[A-Za-z0-9_-]+`))
  if (!found) throw new Error(`no ${prefix} link in the mail:\n${mail.text}`)
  return found[0]
}
