// Marketplace test helpers: order and bid payloads, and orders driven to a state through the API.
import type { FastifyInstance } from 'fastify'
import { api, type Session } from '../helper.ts'

export type Json = Record<string, unknown>

/** A valid draft body for the test clock's default date (2027-01-10): deadline 2027-02-01, training March to June. */
export function orderBody (overrides: Json = {}): Json {
  return {
    allianceCode: 'equipment',
    title: '数控车床操作工定向培养 CNC lathe operators',
    occupation: '数控车工',
    description: '为汽车零部件产线培养数控车床操作工，结业后择优录用。Gearbox housing line.',
    skills: ['数控', 'cnc-machining'],
    headcount: 10,
    location: '宁波北仑',
    trainingStart: '2027-03-01',
    trainingEnd: '2027-06-30',
    bidDeadline: '2027-02-01T00:00:00.000Z',
    budgetPerTrainee: 8000,
    hiringCommitment: { positions: 8, monthlySalaryMin: 6000, monthlySalaryMax: 9000 },
    ...overrides
  }
}

/** A valid bid body (cohort of 5, three modules). */
export function bidBody (overrides: Json = {}): Json {
  return {
    cohortSize: 5,
    startDate: '2027-03-01',
    durationWeeks: 16,
    pricePerTrainee: 7500,
    curriculum: [
      { title: '机械识图与公差', hours: 40, kind: 'theory' },
      { title: '数控车床实操', hours: 200, kind: 'practice', certificate: '数控车工四级' },
      { title: '企业顶岗实习', hours: 160, kind: 'internship' }
    ],
    message: '我院有十年数控培训经验 / ten years of CNC training.',
    ...overrides
  }
}

async function ok (res: { statusCode: number, body: string, json: () => unknown }, expected: number, what: string): Promise<Json> {
  if (res.statusCode !== expected) throw new Error(`${what} failed: ${res.statusCode} ${res.body}`)
  return res.json() as Json
}

export async function createDraft (app: FastifyInstance, owner: Session, overrides: Json = {}): Promise<Json> {
  return ok(await api(app, owner.token, { method: 'POST', url: '/v1/orders', payload: orderBody(overrides) }), 201, 'create order')
}

export async function orderAction (app: FastifyInstance, session: Session, id: unknown, action: string, payload?: Json) {
  return api(app, session.token, { method: 'POST', url: `/v1/orders/${String(id)}/${action}`, ...(payload ? { payload } : {}) })
}

/** A published (open) order. */
export async function openOrder (app: FastifyInstance, owner: Session, overrides: Json = {}): Promise<Json> {
  const draft = await createDraft(app, owner, overrides)
  return ok(await orderAction(app, owner, draft['id'], 'publish'), 200, 'publish order')
}

export async function submitBid (app: FastifyInstance, college: Session, orderId: unknown, overrides: Json = {}): Promise<Json> {
  return ok(await api(app, college.token, { method: 'POST', url: `/v1/orders/${String(orderId)}/bids`, payload: bidBody(overrides) }), 201, 'submit bid')
}

/** An order in evaluation with one bid per given college. */
export async function evaluatingOrder (app: FastifyInstance, owner: Session, colleges: Session[], overrides: Json = {}, bid: Json = {}) {
  const order = await openOrder(app, owner, overrides)
  const bids: Json[] = []
  for (const college of colleges) bids.push(await submitBid(app, college, order['id'], bid))
  await ok(await orderAction(app, owner, order['id'], 'close-bidding'), 200, 'close bidding')
  return { order, bids }
}

export async function proposeMatch (app: FastifyInstance, owner: Session, orderId: unknown, bidId: unknown, seats: number) {
  return api(app, owner.token, { method: 'POST', url: `/v1/orders/${String(orderId)}/matches`, payload: { bidId, seats } })
}
