// Fixtures of the mail tests: SMTP servers that ask for a login or refuse a recipient, one that never answers, a worker on short times.
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import type { FastifyInstance } from 'fastify'
import { MailWorker } from '../../../src/modules/mail/worker.ts'
import { createMailTransport } from '../../../src/modules/mail/transport.ts'

type Tap = { teardown: (fn: () => unknown) => void }

/** An smtp-server on 127.0.0.1 with the given handlers (no TLS), closed with the test; resolves with its port. */
export async function startSmtpServer (t: Tap, options: SMTPServerOptions): Promise<number> {
  const server = new SMTPServer({ disabledCommands: ['STARTTLS'], logger: false, ...options })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return (server.server.address() as AddressInfo).port
}

/** A TCP server that takes connections and never says a word (an SMTP server that hangs); closed with the test. */
export async function startSilentServer (t: Tap): Promise<{ port: number, connections: () => number }> {
  const sockets = new Set<Socket>()
  let count = 0
  const server = createServer((socket) => {
    count++
    sockets.add(socket)
    socket.on('error', () => {})
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })
  return { port: (server.address() as AddressInfo).port, connections: () => count }
}

/** A worker of its own over the app's database, on short times (the app's own worker keeps the defaults). */
export function shortWorker (app: FastifyInstance, smtpUrl: string, times: { timeoutMs: number, leaseMs: number, closeGraceMs?: number }): MailWorker {
  const transport = createMailTransport({ SMTP_URL: smtpUrl, MAIL_OUTBOX_DIR: undefined, MAIL_FROM: app.config.MAIL_FROM }, app.log)
  return new MailWorker({ data: app.data, clock: app.clock, log: app.log, transport, ...times })
}
