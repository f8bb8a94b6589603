// Generator step 2: orders in every state with their search terms, skills, bids, matches, cohorts and rosters.
import type BetterSqlite3 from 'better-sqlite3'
import { bids, cohorts, matches, orders, orderSkills, trainees, type CurriculumModule, type OrderStatus } from '../../db/schema/index.ts'
import { newId } from '../../src/lib/ids.ts'
import { batched, inserter } from './bulk-insert.ts'
import { orderSearchTerms } from '../../src/modules/orders/search-terms.ts'
import type { SkillKeyTable } from './skill-keys.ts'
import type { AllianceCode, OrgRef, Population } from './generate-organizations.ts'
import type { Rng } from './prng.ts'
import {
  ALLIANCE_CODES, CITIES, CURRICULUM_TITLES, DESCRIPTION_TEMPLATES, FAMILY_NAMES, GIVEN_NAMES,
  OCCUPATIONS, TITLE_TEMPLATES_EN, TITLE_TEMPLATES_ZH
} from './vocabulary.ts'

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()
const day = (ms: number) => iso(ms).slice(0, 10)

export type OpenOrderRef = { id: string, trainingStart: string, headcount: number }

/** What the scenarios need to know about the generated orders. */
export type OrderCatalog = {
  /** Every open order (deadline in the future), per alliance: bid targets and recommendation subjects. */
  open: Record<AllianceCode, OpenOrderRef[]>
  /** A sample of orders that active members may read (open, evaluating, awarded), per alliance. */
  visibleSample: Record<AllianceCode, string[]>
  statusCounts: Record<OrderStatus, number>
  rows: Record<string, number>
}

type Counters = OrderCatalog['rows']

const HISTORY_WEIGHTS = { awarded: 65, cancelled: 18, evaluating: 7, draft: 10 } as const
const CURRENT_WEIGHTS = { open: 75, draft: 10, evaluating: 10, cancelled: 5 } as const
const ALLIANCE_WEIGHTS: Record<AllianceCode, number> = { equipment: 45, petrochemical: 25, aluminum: 30 }
const SAMPLE_SIZE = 2000

export async function generateOrders (
  sqlite: BetterSqlite3.Database,
  options: {
    orders: number, population: Population, allianceIds: Record<AllianceCode, string>, reservedBidders: number, nowMs: number, rng: Rng,
    /** The skills module's keys for the vocabulary's tags (skillKeyTable), looked up inside the bulk transactions. */
    skillKeys: SkillKeyTable, onProgress: (done: number) => void
  }
): Promise<OrderCatalog> {
  const { rng, population, allianceIds, nowMs } = options
  const insertOrder = inserter(sqlite, orders)
  // The order's row in the FTS5 search index (store.ts indexOrderText): rowid = its search key, its terms joined by spaces, its id.
  const indexText = sqlite.prepare<[string, string, string]>('insert into order_search (rowid, terms, order_id) values (order_search_key(?), ?, ?)')
  const insertSkill = inserter(sqlite, orderSkills)
  const insertBid = inserter(sqlite, bids)
  const insertMatch = inserter(sqlite, matches)
  const insertCohort = inserter(sqlite, cohorts)
  const insertTrainee = inserter(sqlite, trainees)
  const counters: Counters = { orders: 0, orderSearchTerms: 0, orderSkills: 0, bids: 0, matches: 0, cohorts: 0, trainees: 0 }
  const catalog: OrderCatalog = {
    open: { equipment: [], petrochemical: [], aluminum: [] },
    visibleSample: { equipment: [], petrochemical: [], aluminum: [] },
    statusCounts: { draft: 0, open: 0, evaluating: 0, awarded: 0, cancelled: 0, unsuccessful: 0 },
    rows: counters
  }
  const visibleSeen: Record<AllianceCode, number> = { equipment: 0, petrochemical: 0, aluminum: 0 }
  const historyCount = Math.round(options.orders * 0.8)
  const historyStart = nowMs - 3 * 365 * DAY
  const historyEnd = nowMs - 45 * DAY
  const currentStart = nowMs - 40 * DAY

  const addOrder = (index: number) => {
    const isHistory = index < historyCount
    const createdMs = isHistory
      ? historyStart + Math.floor((historyEnd - historyStart) * index / historyCount)
      : currentStart + Math.floor((nowMs - DAY - currentStart) * (index - historyCount) / Math.max(1, options.orders - historyCount))
    const status: OrderStatus = isHistory ? rng.weighted(HISTORY_WEIGHTS) : rng.weighted(CURRENT_WEIGHTS)
    const code = rng.weighted(ALLIANCE_WEIGHTS)
    const owner = rng.pick(population.enterprisesByAlliance[code])
    const occupation = rng.pick(OCCUPATIONS[code]!)
    const city = rng.pick(CITIES)
    const headcount = rng.chance(0.04) ? rng.int(31, 200) : rng.int(4, 30)
    const title = rng.chance(0.7) ? rng.pick(TITLE_TEMPLATES_ZH)(occupation, city.zh, headcount) : rng.pick(TITLE_TEMPLATES_EN)(occupation, city.en, headcount)
    const description = rng.pick(DESCRIPTION_TEMPLATES)(occupation, city.zh)
    const skills = rng.sample(occupation.skills, rng.int(2, occupation.skills.length))
    const publishedMs = createdMs + rng.int(1, 48) * 3_600_000
    const deadlineMs = status === 'open'
      ? nowMs + rng.int(2, 60) * DAY
      : status === 'draft' && !isHistory ? nowMs + rng.int(10, 60) * DAY : publishedMs + rng.int(7, 30) * DAY
    const closedMs = status === 'evaluating' && !isHistory ? Math.min(nowMs - 3_600_000, publishedMs + rng.int(3, 20) * DAY) : deadlineMs
    const startMs = deadlineMs + rng.int(14, 45) * DAY
    const weeks = rng.int(4, 16)
    const endMs = startMs + weeks * 7 * DAY
    const positions = rng.chance(0.7) ? Math.max(1, Math.round(headcount * rng.int(50, 100) / 100)) : null
    const salaryMin = positions !== null && rng.chance(0.8) ? rng.int(45, 90) * 100 : null
    const awardedMs = closedMs + rng.int(3, 20) * DAY
    const updatedMs = status === 'awarded' ? awardedMs : status === 'draft' ? createdMs : Math.min(nowMs, closedMs)
    const id = newId(createdMs)
    insertOrder({
      id, allianceId: allianceIds[code], organizationId: owner.id, createdBy: owner.userId, status, title,
      occupation: occupation.zh, description, skills, headcount, location: `${city.zh}市 ${city.en}`,
      trainingStart: day(startMs), trainingEnd: day(endMs), bidDeadline: iso(deadlineMs),
      budgetPerTrainee: rng.chance(0.6) ? rng.int(20, 120) * 100 : null,
      hiringPositions: positions, monthlySalaryMin: salaryMin, monthlySalaryMax: salaryMin === null ? null : salaryMin + rng.int(5, 40) * 100,
      cancelReason: status === 'cancelled' ? '产线计划调整 / production plan changed' : null,
      publishedAt: status === 'draft' ? null : iso(publishedMs),
      biddingClosedAt: status === 'evaluating' || status === 'awarded' ? iso(closedMs) : null,
      awardedAt: status === 'awarded' ? iso(awardedMs) : null,
      cancelledAt: status === 'cancelled' ? iso(Math.min(nowMs - DAY, publishedMs + 5 * DAY)) : null,
      createdAt: iso(createdMs), updatedAt: iso(Math.min(nowMs, updatedMs))
    })
    counters.orders!++
    catalog.statusCounts[status]++
    const keys = options.skillKeys(skills)
    insertSkill(...keys.map((skill) => ({ skill, orderId: id })))
    counters.orderSkills! += keys.length
    if (status === 'open') catalog.open[code].push({ id, trainingStart: day(startMs), headcount })
    if (status === 'open' || status === 'evaluating' || status === 'awarded') {
      const seen = ++visibleSeen[code]
      if (seen <= SAMPLE_SIZE) catalog.visibleSample[code].push(id)
      else if (rng.int(1, seen) <= SAMPLE_SIZE) catalog.visibleSample[code][rng.int(0, SAMPLE_SIZE - 1)] = id
    }
    // Bids from distinct colleges of the alliance, never from the colleges kept for the bid scenario (none on drafts).
    const colleges = population.collegesByAlliance[code]
    const bidders = new Set<OrgRef>()
    const wanted = status === 'draft' ? 0 : Math.min(rng.int(0, 6), colleges.length - options.reservedBidders)
    while (bidders.size < wanted) bidders.add(colleges[rng.int(options.reservedBidders, colleges.length - 1)]!)
    // Exactly what the orders module stores (store.ts indexOrderText / indexOrderSkills; a cancelled order's bidders, lifecycle.ts).
    const terms = orderSearchTerms({
      allianceId: allianceIds[code],
      organizationId: owner.id,
      title,
      occupation: occupation.zh,
      description,
      skills,
      bidders: status === 'cancelled' ? [...bidders].map((college) => college.id) : []
    })
    indexText.run(id, terms.join(' '), id)
    counters.orderSearchTerms! += terms.length
    if (status === 'draft') return

    const placed = [...bidders].map((college) => {
      const curriculum: CurriculumModule[] = rng.sample(CURRICULUM_TITLES, rng.int(2, 4)).map((t, i) => ({
        title: t, hours: rng.int(2, 20) * 8, kind: i === 0 ? 'theory' : rng.chance(0.8) ? 'practice' : 'internship'
      }))
      const cohortSize = rng.int(Math.ceil(headcount / 2), headcount)
      const pricePerTrainee = rng.int(15, 110) * 100
      const bidMs = Math.min(closedMs - 3_600_000, publishedMs + rng.int(1, 72) * 3_600_000)
      const bidStatus = status === 'open' || status === 'evaluating' ? (rng.chance(0.05) ? 'withdrawn' : 'submitted') : 'not_selected'
      const bid = {
        id: newId(createdMs), orderId: id, organizationId: college.id, createdBy: college.userId, status: bidStatus as 'submitted' | 'withdrawn' | 'not_selected' | 'accepted',
        cohortSize, startDate: day(startMs), durationWeeks: weeks, pricePerTrainee, curriculum,
        message: '我院具备完善的实训条件。We have a fully equipped training workshop.',
        totalHours: curriculum.reduce((s, m) => s + m.hours, 0), totalPrice: cohortSize * pricePerTrainee,
        revision: rng.chance(0.2) ? 2 : 1, createdAt: iso(bidMs), updatedAt: iso(bidMs),
        withdrawnAt: bidStatus === 'withdrawn' ? iso(bidMs + 3_600_000) : null
      }
      return { bid, college }
    })
    const live = placed.filter((p) => p.bid.status !== 'withdrawn')
    const coordinator = population.coordinators[code]
    const addMatch = (p: typeof placed[number], seats: number, matchStatus: 'proposed' | 'approved' | 'rejected') => {
      const decidedMs = awardedMs - DAY
      const matchId = newId(createdMs)
      insertMatch({
        id: matchId, orderId: id, bidId: p.bid.id, collegeId: p.college.id, allianceId: allianceIds[code], seats, status: matchStatus,
        note: null, reason: matchStatus === 'rejected' ? '课程安排不符合要求 / curriculum does not fit' : null,
        proposedBy: owner.userId, decidedBy: matchStatus === 'proposed' ? null : coordinator.userId,
        decidedAt: matchStatus === 'proposed' ? null : iso(decidedMs), createdAt: iso(closedMs + DAY), updatedAt: iso(matchStatus === 'proposed' ? closedMs + DAY : decidedMs)
      })
      counters.matches!++
      if (matchStatus === 'approved') addCohort(matchId, p, seats, decidedMs)
    }
    const addCohort = (matchId: string, p: typeof placed[number], seats: number, createdAtMs: number) => {
      const cohortStatus = endMs < nowMs ? (rng.chance(0.97) ? 'completed' : 'cancelled') : startMs < nowMs ? 'in_training' : 'planned'
      const cohortId = newId(createdMs)
      // The roster first, so the cohort row carries its counters as the cohorts module keeps them.
      const roster: (typeof trainees.$inferInsert)[] = []
      let hireBudget = positions ?? 0
      const enrolled = cohortStatus === 'cancelled' ? 0 : rng.int(Math.ceil(seats * 0.8), seats)
      for (let n = 1; n <= enrolled; n++) {
        let traineeStatus: 'enrolled' | 'completed' | 'dropped' | 'hired' = 'enrolled'
        if (cohortStatus === 'completed') {
          traineeStatus = rng.chance(0.88) ? 'completed' : 'dropped'
          if (traineeStatus === 'completed' && hireBudget > 0 && rng.chance(0.8)) { traineeStatus = 'hired'; hireBudget-- }
        } else if (cohortStatus === 'in_training' && rng.chance(0.05)) traineeStatus = 'dropped'
        roster.push({
          id: newId(createdMs), cohortId, name: `${rng.pick(FAMILY_NAMES)}${rng.pick(GIVEN_NAMES)}`, studentNo: `${day(startMs).slice(0, 4)}${String(n).padStart(4, '0')}`,
          status: traineeStatus, createdAt: iso(startMs - DAY), updatedAt: iso(Math.min(nowMs, endMs)),
          completedAt: traineeStatus === 'completed' || traineeStatus === 'hired' ? iso(endMs) : null,
          droppedAt: traineeStatus === 'dropped' ? iso(Math.min(nowMs, startMs + 7 * DAY)) : null,
          hiredAt: traineeStatus === 'hired' ? iso(endMs + 7 * DAY) : null
        })
      }
      const count = (...statuses: string[]) => roster.filter((t) => statuses.includes(t.status)).length
      insertCohort({
        id: cohortId, orderId: id, matchId, allianceId: allianceIds[code], collegeId: p.college.id, enterpriseId: owner.id,
        seats, startDate: day(startMs), durationWeeks: weeks, status: cohortStatus,
        cancelReason: cohortStatus === 'cancelled' ? '生源不足 / not enough trainees' : null,
        startedAt: cohortStatus === 'planned' ? null : iso(startMs), completedAt: cohortStatus === 'completed' ? iso(endMs) : null,
        cancelledAt: cohortStatus === 'cancelled' ? iso(startMs) : null, createdAt: iso(createdAtMs), updatedAt: iso(Math.min(nowMs, endMs)),
        enrolledCount: roster.length, completedCount: count('completed', 'hired'), droppedCount: count('dropped'), hiredCount: count('hired'),
        // Copied from the order when the cohort is created (cohorts/create.ts), as the reports read them.
        orderPublishedAt: iso(publishedMs), occupation: occupation.zh
      })
      counters.cohorts!++
      if (roster.length > 0) insertTrainee(...roster)
      counters.trainees! += roster.length
    }
    const planned: { p: typeof placed[number], seats: number, status: 'proposed' | 'approved' | 'rejected' }[] = []
    if (status === 'awarded' && live.length > 0) {
      let remaining = headcount
      for (const p of live.slice(0, rng.int(1, 2))) {
        const seats = Math.min(p.bid.cohortSize, remaining)
        if (seats <= 0) break
        p.bid.status = 'accepted'
        remaining -= seats
        planned.push({ p, seats, status: 'approved' })
      }
      const loser = live.find((p) => p.bid.status === 'not_selected')
      if (loser && rng.chance(0.1)) planned.push({ p: loser, seats: 1, status: 'rejected' })
    } else if (status === 'evaluating' && live.length > 0 && rng.chance(0.3)) {
      planned.push({ p: live[0]!, seats: Math.min(live[0]!.bid.cohortSize, headcount), status: 'proposed' })
    }
    for (const p of placed) {
      insertBid(p.bid)
      counters.bids!++
    }
    for (const m of planned) addMatch(m.p, m.seats, m.status)
  }

  await batched(sqlite, options.orders, 2000, addOrder, options.onProgress)
  return catalog
}

export { ALLIANCE_CODES }
