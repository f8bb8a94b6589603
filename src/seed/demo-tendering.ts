// Demo fair tendering: questions on an open order, an amended order whose bid waits for confirmation, a complaint in a standstill.
import type { DataLayer } from '../../db/executor.ts'
import { patchOrder, createOrder, publishOrder, closeBidding } from '../modules/orders/service.ts'
import { submitBid } from '../modules/bids/service.ts'
import { proposeMatch, approveMatch } from '../modules/matches/service.ts'
import { askQuestion, answerQuestion } from '../modules/questions/service.ts'
import { fileComplaint } from '../modules/complaints/service.ts'
import { bid, coordinator, order, orgActor } from './demo-market.ts'
import type { DemoIdentities } from './demo.ts'

const plcCurriculum = [
  { title: 'PLC 编程基础（西门子 S7-1200）', hours: 56, kind: 'theory' as const },
  { title: '电气控制柜装调实训', hours: 180, kind: 'practice' as const, certificate: '电工（四级）' },
  { title: '产线电气维护跟岗', hours: 120, kind: 'internship' as const }
]

/**
 * Seeds, on the demo market's orders (`orders`: their ids by state): two questions on the open CNC order (one
 * answered), an amendment of the chemical order (its bid then waits for confirmation), and a PLC order whose approved
 * match opens a standstill of `standstillSeconds` in which the losing bidder complains (none when it is 0).
 */
export async function seedDemoTendering (data: DataLayer, ids: DemoIdentities, orders: Record<string, string>, now: Date, standstillSeconds: number): Promise<void> {
  const autoparts = orgActor(ids, 'autoparts', 'enterprise')
  const chemicals = orgActor(ids, 'chemicals', 'enterprise')
  const polytechnic = orgActor(ids, 'polytechnic', 'college')
  const techschool = orgActor(ids, 'techschool', 'college')

  const open = orders['open']!
  const answered = await askQuestion(data, techschool, open, { text: '结业考核由贵公司组织还是由学院组织？实训使用的数控系统型号能否提前告知？' }, now)
  await answerQuestion(data, autoparts, answered, { answer: '结业考核由我公司与学院共同组织；产线使用 FANUC 0i-TF 数控系统，可提供两台样机供实训。' }, now)
  await askQuestion(data, polytechnic, open, { text: 'Can part of the practice hours take place on your gearbox line during the night shift?' }, now)

  await patchOrder(data, chemicals, orders['chemical']!, {
    headcount: 30,
    hiringCommitment: { positions: 24, monthlySalaryMin: 7000, monthlySalaryMax: 10000 },
    description: '芳烃联合装置 DCS 操作、巡检与应急处置；变更：新增 5 名名额，录用 24 名。DCS operation and emergency drills; amended: 5 more places.'
  }, now, 72)

  const plc = await createOrder(data, autoparts, order(now, {
    allianceCode: 'equipment',
    title: 'PLC 电气装调工 Electrical fitters for the gearbox line',
    occupation: '电气装调工',
    headcount: 16,
    location: '宁波北仑',
    description: '产线电气控制柜装调与 PLC 维护。Control cabinets and PLC maintenance on the gearbox line.',
    skills: ['PLC', 'assembly'],
    budgetPerTrainee: 7800,
    minBids: 2,
    hiringCommitment: { positions: 12 }
  }), now)
  await publishOrder(data, autoparts, plc, now)
  const winner = await submitBid(data, techschool, plc, bid(now, { cohortSize: 8, durationWeeks: 12, pricePerTrainee: 7200, curriculum: plcCurriculum, message: 'Siemens-certified instructors; 8 training cabinets.' }), now)
  await submitBid(data, polytechnic, plc, bid(now, { cohortSize: 16, durationWeeks: 14, pricePerTrainee: 7600, curriculum: plcCurriculum, message: '我院 PLC 实训室可同时容纳 16 人。' }), now)
  await closeBidding(data, autoparts, plc, now)
  const match = await proposeMatch(data, autoparts, plc, { bidId: winner, seats: 8 }, now)
  await approveMatch(data, coordinator(ids, 'equipment'), match, '资质审核通过，进入公示期。', now, standstillSeconds)
  if (standstillSeconds > 0) {
    await fileComplaint(data, polytechnic, match, '中标学院的实训柜仅 8 台，评审未比较我院 16 人整班方案的总价与课时。', now)
  }
}
