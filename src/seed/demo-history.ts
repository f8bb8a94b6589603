// Demo history: two orders trained and ended months ago (one enterprise kept its promise to hire, one broke it), and this year's equipment targets.
import type { DataLayer } from '../../db/executor.ts'
import { eq } from 'drizzle-orm'
import { cohorts } from '../../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { createOrder, publishOrder, closeBidding } from '../modules/orders/service.ts'
import { submitBid } from '../modules/bids/service.ts'
import { proposeMatch, approveMatch } from '../modules/matches/service.ts'
import { changeCohortStatus, changeTraineeStatus, enrolTrainees } from '../modules/cohorts/service.ts'
import { replaceTargets } from '../modules/targets/service.ts'
import type { CreateOrderInput } from '../../schemas/orders.ts'
import type { CreateBidInput } from '../../schemas/bids.ts'
import { bid, coordinator, order, orgActor, weldingCurriculum } from './demo-market.ts'
import type { DemoIdentities } from './demo.ts'

const DAY = 24 * 60 * 60 * 1000
const daysAfter = (at: Date, days: number) => new Date(at.getTime() + days * DAY)

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗']
const GIVEN = ['伟', '芳', '强', '敏', '磊', '静', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '丽', '鹏']

type PastOrder = {
  enterprise: Actor
  college: Actor
  alliance: string
  order: Omit<CreateOrderInput, 'trainingStart' | 'trainingEnd' | 'bidDeadline'>
  bid: Omit<CreateBidInput, 'startDate'>
  /** Trainees enrolled, of whom `completed` complete (the rest drop out) and `hired` are hired. */
  roster: { enrolled: number, completed: number, hired: number, prefix: string }
}

/**
 * One order the whole way through, months in the past (`start`): published, bid on, matched for all its seats (so
 * awarded), trained, completed, and hired from. Every step goes through the services at its own past instant.
 */
async function runPastOrder (data: DataLayer, ids: DemoIdentities, past: PastOrder, start: Date): Promise<void> {
  const orderId = await createOrder(data, past.enterprise, order(start, past.order), start)
  await publishOrder(data, past.enterprise, orderId, start)
  const bidId = await submitBid(data, past.college, orderId, bid(start, past.bid), daysAfter(start, 3))
  await closeBidding(data, past.enterprise, orderId, daysAfter(start, 13))
  const matchId = await proposeMatch(data, past.enterprise, orderId, { bidId, seats: past.order.headcount }, daysAfter(start, 14))
  await approveMatch(data, coordinator(ids, past.alliance), matchId, '同意。Approved.', daysAfter(start, 15))
  const cohort = await data.snapshot((ex) => ex.orm.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.matchId, matchId)).get())
  if (!cohort) throw new Error('demo history: the approved match has no cohort')
  const batch = Array.from({ length: past.roster.enrolled }, (_, i) => ({
    name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!,
    studentNo: `${past.roster.prefix}${String(i + 1).padStart(3, '0')}`
  }))
  const trainees = await enrolTrainees(data, past.college, cohort.id, batch, daysAfter(start, 30))
  await changeCohortStatus(data, past.college, cohort.id, 'start', daysAfter(start, 45))
  const end = daysAfter(start, 45 + 7 * past.bid.durationWeeks)
  for (const [i, trainee] of trainees.entries()) {
    await changeTraineeStatus(data, past.college, cohort.id, trainee.id, i < past.roster.completed ? 'completed' : 'dropped', end)
  }
  await changeCohortStatus(data, past.college, cohort.id, 'complete', end)
  for (const trainee of trainees.slice(0, past.roster.hired)) {
    await changeTraineeStatus(data, past.enterprise, cohort.id, trainee.id, 'hired', daysAfter(end, 10))
  }
}

/**
 * Seeds two ended orders and this year's equipment targets. 宁波精工 (autoparts) promised 8 welders and hired 8 of
 * the 9 who completed at 宁波机电: a kept promise. 镇海芳烃 (chemicals) promised 15 operators and hired 3 of the 18 who
 * completed at 镇海化工: a broken one. Both started 240 days before `now` and ended about 100 days before it.
 */
export async function seedDemoHistory (data: DataLayer, ids: DemoIdentities, now: Date): Promise<void> {
  const start = daysAfter(now, -240)
  await runPastOrder(data, ids, {
    enterprise: orgActor(ids, 'autoparts', 'enterprise'),
    college: orgActor(ids, 'polytechnic', 'college'),
    alliance: 'equipment',
    order: {
      allianceCode: 'equipment',
      title: '变速箱支架焊工（上一期）',
      occupation: '焊工',
      headcount: 10,
      location: '宁波北仑',
      description: '上一期订单班：支架 MIG 焊接。The previous welding cohort for gearbox brackets.',
      skills: ['焊接'],
      budgetPerTrainee: 6500,
      hiringCommitment: { positions: 8, monthlySalaryMin: 6000 }
    },
    bid: { cohortSize: 10, durationWeeks: 12, pricePerTrainee: 6300, curriculum: weldingCurriculum, message: '与上一期相同的焊接实训方案。' },
    roster: { enrolled: 10, completed: 9, hired: 8, prefix: 'HJ2026' }
  }, start)
  await runPastOrder(data, ids, {
    enterprise: orgActor(ids, 'chemicals', 'enterprise'),
    college: orgActor(ids, 'chemcollege', 'college'),
    alliance: 'petrochemical',
    order: {
      allianceCode: 'petrochemical',
      title: '芳烃装置外操（上一期）',
      occupation: '化工操作工',
      headcount: 20,
      location: '宁波镇海',
      description: '上一期订单班：装置巡检与外操。The previous cohort of field operators.',
      skills: ['化工操作', 'safety'],
      budgetPerTrainee: 8000,
      hiringCommitment: { positions: 15, monthlySalaryMin: 6500 }
    },
    bid: {
      cohortSize: 20,
      durationWeeks: 16,
      pricePerTrainee: 7800,
      curriculum: [
        { title: '化工安全与HSE', hours: 48, kind: 'theory' },
        { title: '装置外操实训', hours: 220, kind: 'practice', certificate: '化工总控工（五级）' }
      ]
    },
    roster: { enrolled: 20, completed: 18, hired: 3, prefix: 'HG2026' }
  }, start)
  await replaceTargets(data, {
    allianceId: ids.allianceIds['equipment']!,
    year: now.getUTCFullYear(),
    targets: { ordersAwarded: 4, seatsCompleted: 40, hires: 30, promiseKeptRate: 0.8 },
    userId: ids.coordinatorIds['equipment']!,
    now
  })
}
