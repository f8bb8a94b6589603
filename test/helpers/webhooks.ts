// Test helpers for webhooks: a local receiver (node:http on 127.0.0.1) that records what it gets, and endpoint shortcuts.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { Webhook } from 'standardwebhooks'
import { api, type Session } from '../helper.ts'

type Tap = { teardown: (fn: () => unknown) => void }

export type Received = { path: string, headers: IncomingHttpHeaders, body: string, at: number }

/** How the receiver answers a request: a status code, or 'hang' (never answers). */
export type Answer = number | 'hang'

export type Receiver = {
  url: string
  received: Received[]
  /** Answers taken in turn; when they run out, `fallback` answers. */
  answers: Answer[]
  fallback: Answer
  /** Resolves once `count` requests have come (or rejects after `ms`). */
  waitFor: (count: number, ms?: number) => Promise<void>
}

/** A receiver on a random port of 127.0.0.1, closed with the test. */
export async function startReceiver (t: Tap, fallback: Answer = 200): Promise<Receiver> {
  const hanging: ServerResponse[] = []
  const receiver: Receiver = { url: '', received: [], answers: [], fallback, waitFor: async () => {} }
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => { body += chunk })
    req.on('end', () => {
      receiver.received.push({ path: req.url ?? '', headers: req.headers, body, at: Date.now() })
      const answer = receiver.answers.shift() ?? receiver.fallback
      if (answer === 'hang') {
        hanging.push(res)
        return
      }
      res.writeHead(answer, answer >= 300 && answer < 400 ? { location: 'http://127.0.0.1:9/elsewhere' } : {}).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  receiver.waitFor = async (count, ms = 20_000) => {
    const deadline = Date.now() + ms
    while (receiver.received.length < count) {
      if (Date.now() > deadline) throw new Error(`the receiver got ${receiver.received.length} of ${count} requests`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
  t.teardown(async () => {
    for (const res of hanging) res.destroy()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  return receiver
}

/** Verifies a received request with the Standard Webhooks reference library; returns the parsed message or throws. */
export function verified (secret: string, request: Received): Record<string, unknown> {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]))
  return new Webhook(secret).verify(request.body, headers) as Record<string, unknown>
}

export type CreatedWebhook = { id: string, url: string, events: string[], description: string, createdAt: string, secret: string }

/** Registers an endpoint through the API; throws unless 201. */
export async function createWebhook (app: FastifyInstance, session: Session, url: string, events: string[] = ['*']): Promise<CreatedWebhook> {
  const res = await api(app, session.token, { method: 'POST', url: '/v1/webhooks', payload: { url, events, description: 'test endpoint' } })
  if (res.statusCode !== 201) throw new Error(`create webhook failed: ${res.statusCode} ${res.body}`)
  return res.json() as CreatedWebhook
}

export type DeliveryDto = { id: string, eventId: string, type: string, status: string, attempts: number, lastStatusCode: number | null, nextAttemptAt: string | null }

/** The endpoint's delivery log, newest first. */
export async function deliveriesOf (app: FastifyInstance, session: Session, webhookId: string): Promise<DeliveryDto[]> {
  const res = await api(app, session.token, { method: 'GET', url: `/v1/webhooks/${webhookId}/deliveries?limit=100` })
  if (res.statusCode !== 200) throw new Error(`deliveries failed: ${res.statusCode} ${res.body}`)
  return (res.json() as { items: DeliveryDto[] }).items
}

/** A college asks to join the alliance: `membership.requested`, addressed to the college itself (feed) and the coordinators. */
export async function requestMembership (app: FastifyInstance, college: Session, code = 'equipment'): Promise<string> {
  const res = await api(app, college.token, { method: 'POST', url: `/v1/alliances/${code}/memberships` })
  if (res.statusCode !== 201) throw new Error(`membership request failed: ${res.statusCode} ${res.body}`)
  return (res.json() as { id: string }).id
}
