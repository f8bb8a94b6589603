// Complaint test fixtures: a market with a winning college, losing bidders, bystanders, and an approved match on a standstill.
import type { LightMyRequestResponse } from 'fastify'
import { api, createCoordinator, joinAlliance, loginAdmin, marketFixture, registerOrg, type Session, type TestApp } from '../../helper.ts'
import { evaluatingOrder, proposeMatch, type Json } from '../../helpers/market.ts'

export const STANDSTILL = { STANDSTILL_SECONDS: '3600', WRITE_RATE_LIMIT: '0' }
export const HOUR = 3600_000

/** The winner (`college`), two losing bidders, a member college that never bids, an outsider, another alliance's coordinator, an admin. */
export async function complaintMarket (app: TestApp) {
  const market = await marketFixture(app)
  const rival = await registerOrg(app, 'college', { name: '宁波甬江职业技术学院' })
  const second = await registerOrg(app, 'college', { name: '北仑港城技师学院' })
  const bystander = await registerOrg(app, 'college', { name: '旁观职业学院' })
  for (const member of [rival, second, bystander]) await joinAlliance(app, member, market.coordinator, 'equipment')
  const outsider = await registerOrg(app, 'college', { name: '联盟外学院' })
  const otherCoordinator = await createCoordinator(app, ['aluminum'])
  const admin = await loginAdmin(app)
  return { ...market, rival, second, bystander, outsider, otherCoordinator, admin }
}

export type ComplaintMarket = Awaited<ReturnType<typeof complaintMarket>>

async function ok (res: LightMyRequestResponse, status: number, what: string): Promise<Json> {
  if (res.statusCode !== status) throw new Error(`${what} failed: ${res.statusCode} ${res.body}`)
  return res.json() as Json
}

/**
 * An evaluating order (headcount 10 unless told) with bids of the winner and both rivals, and the winner's match of
 * `seats` approved with a note: returns the order, the bids by college and the approved match.
 */
export async function approvedMatch (app: TestApp, f: ComplaintMarket, options: { headcount?: number, seats?: number } = {}) {
  const headcount = options.headcount ?? 10
  const { order, bids } = await evaluatingOrder(app, f.enterprise, [f.college, f.rival, f.second], { headcount, hiringCommitment: { positions: headcount } }, { cohortSize: Math.min(headcount, 10) })
  const [winnerBid, rivalBid, secondBid] = bids as [Json, Json, Json]
  const proposed = await ok(await proposeMatch(app, f.enterprise, order['id'], winnerBid['id'], options.seats ?? 5), 201, 'propose')
  const match = await ok(await api(app, f.coordinator.token, { method: 'POST', url: `/v1/matches/${String(proposed['id'])}/approve`, payload: { note: '资质齐全' } }), 200, 'approve')
  return { order, winnerBid, rivalBid, secondBid, match, matchId: String(match['id']), cohortId: String(match['cohortId']) }
}

export const complain = (app: TestApp, session: Session, matchId: string, reason = '中标学院实训设备不足，评审未核实。') =>
  api(app, session.token, { method: 'POST', url: `/v1/matches/${matchId}/complaints`, payload: { reason } })

export const decide = (app: TestApp, session: Session, complaintId: string, action: 'dismiss' | 'uphold', decision = '经核查，投诉事项属实。') =>
  api(app, session.token, { method: 'POST', url: `/v1/complaints/${complaintId}/${action}`, payload: { decision } })

export const startCohort = (app: TestApp, session: Session, cohortId: string) =>
  api(app, session.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/start`, payload: { early: true } })

export const getJson = async (app: TestApp, session: Session, url: string): Promise<Json> => (await api(app, session.token, { method: 'GET', url })).json() as Json

/** Files a complaint that must succeed; returns its id. */
export async function filed (app: TestApp, session: Session, matchId: string, reason?: string): Promise<string> {
  return String((await ok(await complain(app, session, matchId, reason), 201, 'complain'))['id'])
}
