// Demo marketplace: orders in every state with bids and matches, created through the services like any client.
import type { DataLayer } from '../../db/executor.ts'
import type { Actor } from '../lib/actor.ts'
import type { CreateOrderInput } from '../../schemas/orders.ts'
import type { CreateBidInput } from '../../schemas/bids.ts'
import { createOrder, publishOrder, closeBidding } from '../modules/orders/service.ts'
import { submitBid } from '../modules/bids/service.ts'
import { proposeMatch, approveMatch } from '../modules/matches/service.ts'
import type { DemoIdentities } from './demo.ts'

const DAY = 24 * 60 * 60 * 1000

const dateIn = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10)
const instantIn = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString()

export function orgActor (ids: DemoIdentities, key: string, kind: 'enterprise' | 'college'): Actor {
  const org = ids.organizations[key]
  if (!org) throw new Error(`demo organization ${key} missing`)
  return { userId: org.userId, sessionId: 'demo-seed', role: kind, organizationId: org.organizationId, organizationKind: kind }
}

export function coordinator (ids: DemoIdentities, alliance: string): Actor {
  const userId = ids.coordinatorIds[alliance]
  if (!userId) throw new Error(`demo coordinator of ${alliance} missing`)
  return { userId, sessionId: 'demo-seed', role: 'coordinator', organizationId: null, organizationKind: null }
}

export function order (now: Date, fields: Omit<CreateOrderInput, 'trainingStart' | 'trainingEnd' | 'bidDeadline'>, days = { deadline: 14, start: 45, end: 165 }): CreateOrderInput {
  return { ...fields, bidDeadline: instantIn(now, days.deadline), trainingStart: dateIn(now, days.start), trainingEnd: dateIn(now, days.end) }
}

/** A bid starting on its order's trainingStart (`startDays` from now), so it lies in the training window. */
export function bid (now: Date, fields: Omit<CreateBidInput, 'startDate'>, startDays = 45): CreateBidInput {
  return { ...fields, startDate: dateIn(now, startDays) }
}

export const cncCurriculum: CreateBidInput['curriculum'] = [
  { title: '机械制图与公差配合', hours: 48, kind: 'theory' },
  { title: '数控编程（FANUC 系统）', hours: 64, kind: 'theory' },
  { title: '数控车床实操训练', hours: 240, kind: 'practice', certificate: '数控车工（四级）' },
  { title: '企业产线跟岗实习', hours: 160, kind: 'internship' }
]

export const weldingCurriculum: CreateBidInput['curriculum'] = [
  { title: 'Welding safety and symbols', hours: 24, kind: 'theory' },
  { title: 'MIG/TIG practice on brackets', hours: 200, kind: 'practice', certificate: 'Welder, level 4' },
  { title: 'On-site internship', hours: 120, kind: 'internship' }
]

/**
 * Seeds a draft, two open orders (one with a sealed bid), an evaluating order with two bids and a
 * proposed match waiting in the equipment coordinator's queue, and an awarded order whose approved
 * match has a planned cohort. Returns the order ids by state. `data` is normally the demo seed's open
 * transaction seen as a data layer (withinTransaction), so the use cases' transactions join it.
 */
export async function seedDemoMarket (data: DataLayer, ids: DemoIdentities, now: Date): Promise<Record<string, string>> {
  const autoparts = orgActor(ids, 'autoparts', 'enterprise')
  const alloy = orgActor(ids, 'alloy', 'enterprise')
  const chemicals = orgActor(ids, 'chemicals', 'enterprise')
  const polytechnic = orgActor(ids, 'polytechnic', 'college')
  const techschool = orgActor(ids, 'techschool', 'college')
  const chemcollege = orgActor(ids, 'chemcollege', 'college')

  const draft = await createOrder(data, autoparts, order(now, {
    allianceCode: 'equipment', title: '新能源电驱壳体装配工', occupation: '装配钳工', headcount: 15, location: '宁波北仑',
    description: '电驱壳体总成装配、扭矩校验与质量追溯。草稿：尚在确认培训预算。', skills: ['装配', '质量检测'], budgetPerTrainee: 6000
  }), now)

  const open = await createOrder(data, autoparts, order(now, {
    allianceCode: 'equipment', title: '数控车床操作工定向培养', occupation: '数控车工', headcount: 30, location: '宁波北仑',
    description: '为变速箱壳体产线培养数控车床操作工，结业考核合格者优先录用。CNC lathe operators for the gearbox housing line.',
    skills: ['数控', 'cnc-machining'], budgetPerTrainee: 9000, hiringCommitment: { positions: 25, monthlySalaryMin: 6500, monthlySalaryMax: 9000 }
  }), now)
  await publishOrder(data, autoparts, open, now)
  await submitBid(data, techschool, open, bid(now, { cohortSize: 12, durationWeeks: 16, pricePerTrainee: 8200, curriculum: cncCurriculum, message: 'Evening and weekend cohort; our workshop has 8 FANUC lathes.' }), now)

  const evaluating = await createOrder(data, autoparts, order(now, {
    allianceCode: 'equipment', title: '汽车零部件焊工培训 Welders for gearbox brackets', occupation: '焊工', headcount: 20, location: '宁波北仑',
    description: '支架与壳体的 MIG/TIG 焊接，需持证上岗。Certified MIG/TIG welders for brackets and housings.',
    skills: ['焊接', 'welding'], budgetPerTrainee: 7000, hiringCommitment: { positions: 16 }
  }), now)
  await publishOrder(data, autoparts, evaluating, now)
  const polyBid = await submitBid(data, polytechnic, evaluating, bid(now, { cohortSize: 12, durationWeeks: 14, pricePerTrainee: 6800, curriculum: weldingCurriculum, message: '我院焊接实训中心可同时容纳 24 人，配备机器人焊接工作站。' }), now)
  await submitBid(data, techschool, evaluating, bid(now, { cohortSize: 10, durationWeeks: 12, pricePerTrainee: 6200, curriculum: weldingCurriculum, message: 'Two instructors certified by the welding association.' }), now)
  await closeBidding(data, autoparts, evaluating, now)
  await proposeMatch(data, autoparts, evaluating, { bidId: polyBid, seats: 10 }, now)

  const awarded = await createOrder(data, alloy, order(now, {
    allianceCode: 'aluminum', title: 'Aluminum extrusion press operators 铝型材挤压操作工', occupation: 'Extrusion operator', headcount: 12, location: 'Ningbo',
    description: 'Operating 2,500 t extrusion presses, die changes and ageing furnaces. 挤压机操作、换模与时效炉。',
    skills: ['extrusion', 'heat-treatment'], budgetPerTrainee: 7500, hiringCommitment: { positions: 12, monthlySalaryMin: 6000, monthlySalaryMax: 8000 }
  }), now)
  await publishOrder(data, alloy, awarded, now)
  const alloyBid = await submitBid(data, polytechnic, awarded, bid(now, { cohortSize: 12, durationWeeks: 10, pricePerTrainee: 7200, curriculum: cncCurriculum.slice(0, 1).concat([{ title: '挤压工艺与模具', hours: 80, kind: 'theory' }, { title: '挤压机实操', hours: 200, kind: 'practice' }]), message: '与企业共建挤压实训线。' }), now)
  await closeBidding(data, alloy, awarded, now)
  const match = await proposeMatch(data, alloy, awarded, { bidId: alloyBid, seats: 12 }, now)
  await approveMatch(data, coordinator(ids, 'aluminum'), match, '校企双方资质齐全，同意。', now)

  const chemical = await createOrder(data, chemicals, order(now, {
    allianceCode: 'petrochemical', title: '化工总控工（芳烃装置）', occupation: '化工总控工', headcount: 25, location: '宁波镇海',
    description: '芳烃联合装置 DCS 操作、巡检与应急处置。DCS operation and emergency drills for the aromatics complex.',
    skills: ['化工操作', 'safety'], hiringCommitment: { positions: 20, monthlySalaryMin: 7000, monthlySalaryMax: 10000 }
  }, { deadline: 21, start: 60, end: 240 }), now)
  await publishOrder(data, chemicals, chemical, now)
  await submitBid(data, chemcollege, chemical, bid(now, { cohortSize: 25, durationWeeks: 24, pricePerTrainee: 9800, curriculum: [{ title: '化工安全与HSE', hours: 60, kind: 'theory' }, { title: 'DCS 仿真操作', hours: 180, kind: 'practice', certificate: '化工总控工（四级）' }, { title: '装置跟班实习', hours: 240, kind: 'internship' }] }, 60), now)

  return { draft, open, evaluating, awarded, chemical }
}
