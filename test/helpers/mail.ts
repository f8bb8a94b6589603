// Test helpers for mail: a local SMTP server (smtp-server) that records what it receives, and the outbox rows.
import { createServer, type AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import type { FastifyInstance } from 'fastify'

export type Received = { from: string, to: string[], raw: string }

export type SmtpSink = { port: number, received: Received[], close: () => Promise<void> }

/** A free TCP port on 127.0.0.1 (nothing listens on it once this resolves). */
export async function freePort (): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** An SMTP server on 127.0.0.1 without TLS or AUTH, keeping every message it accepts. */
export async function startSmtpSink (port = 0): Promise<SmtpSink> {
  const received: Received[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData (stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.server.address() as AddressInfo
  return { port: address.port, received, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

export type OutboxRow = { id: string, recipient: string, status: string, attempts: number, last_error: string | null, next_attempt_at: string | null }

export async function outboxRows (app: FastifyInstance): Promise<OutboxRow[]> {
  const rows = await app.data.all<OutboxRow>('select id, recipient, status, attempts, last_error, next_attempt_at from mail_outbox order by id')
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), next_attempt_at: row.next_attempt_at === null ? null : new Date(row.next_attempt_at).toISOString() }))
}
