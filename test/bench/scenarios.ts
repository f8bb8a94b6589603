// The bench scenarios: what each sends (path, token, body) per request, for the app and for the reference server.
import type { Manifest } from './generate.ts'
import type { AllianceCode } from './generate-organizations.ts'
import type { OpenOrderRef } from './generate-orders.ts'
import { ALLIANCE_CODES } from './vocabulary.ts'

export type Target = 'app' | 'reference'
export type Call = { method: 'GET' | 'POST', path: string, token: string, body?: unknown }

/** Logged-in users per role, the pages each server hands out, and the fresh (bidder, order) pairs. */
export type Actors = {
  colleges: { code: AllianceCode, token: string }[]
  enterprises: { code: AllianceCode, token: string }[]
  coordinators: { code: AllianceCode, token: string }[]
  bidPairs: { token: string, order: OpenOrderRef }[]
  /** Cursors of pages 2.. of the open-orders list per alliance, as each server encodes them. */
  cursors: Record<Target, Record<AllianceCode, string[]>>
}

export type Scenario = {
  name: string
  target: Target
  /** The reference scenario this one is compared with (req/s ratio). */
  reference?: string
  description: string
  /**
   * One request at a time (-c 1), as many as fit the duration (at least 5, however long each takes):
   * latency is the service time of a heavy request (recommendations, reports), not queueing behind 49 others.
   */
  serviceTime?: boolean
  /** A bounded supply of requests (fresh pairs): the run stops when it is used up. */
  supply?: () => number
  next: () => Call
}

export const SEARCH_TERMS = ['焊工', '数控车工', '化工操作工', 'CNC', 'welder', '热处理', 'operator', '定向培养', '质检员', 'training program']

const DAY = 86_400_000
const cycle = <T>(items: readonly T[]) => {
  if (items.length === 0) throw new Error('a scenario has nothing to send (generate more orders?)')
  let i = 0
  return () => items[i++ % items.length]!
}
const randomOf = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!

function listCall (actors: Actors, target: Target) {
  const college = cycle(actors.colleges)
  return (): Call => {
    const { code, token } = college()
    const cursors = actors.cursors[target][code]
    // Half first pages, half a page further in (keyset cursors from walking the list before the run).
    const cursor = cursors.length > 0 && Math.random() < 0.5 ? `&cursor=${randomOf(cursors)}` : ''
    return { method: 'GET', path: `/v1/orders?status=open&alliance=${code}&limit=20${cursor}`, token }
  }
}

function readCall (actors: Actors, manifest: Manifest) {
  const college = cycle(actors.colleges)
  return (): Call => {
    const { code, token } = college()
    return { method: 'GET', path: `/v1/orders/${randomOf(manifest.visibleSample[code])}`, token }
  }
}

export function orderBody (code: AllianceCode, n: number) {
  const now = Date.now()
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  return {
    allianceCode: code,
    title: `压测订单 ${n}：数控车工定向培养 / bench order ${n}: CNC operators`,
    occupation: '数控车工',
    description: '面向宁波生产基地，培养数控车工，理论与实操结合。Trainees learn CNC turning on the shop floor.',
    skills: ['数控', 'cnc-machining', '机械制图'],
    headcount: 20,
    location: '宁波市 Ningbo',
    trainingStart: day(now + 60 * DAY),
    trainingEnd: day(now + 120 * DAY),
    bidDeadline: new Date(now + 30 * DAY).toISOString(),
    budgetPerTrainee: 6000,
    hiringCommitment: { positions: 15, monthlySalaryMin: 6000, monthlySalaryMax: 8000 }
  }
}

function createCall (actors: Actors) {
  const enterprise = cycle(actors.enterprises)
  let n = 0
  return (): Call => {
    const { code, token } = enterprise()
    return { method: 'POST', path: '/v1/orders', token, body: orderBody(code, ++n) }
  }
}

function bidCall (actors: Actors) {
  let next = 0
  return (): Call => {
    const pair = actors.bidPairs[next++]
    if (!pair) throw new Error('out of fresh bid pairs')
    return {
      method: 'POST', path: `/v1/orders/${pair.order.id}/bids`, token: pair.token,
      body: {
        cohortSize: Math.min(pair.order.headcount, 10), startDate: pair.order.trainingStart, durationWeeks: 8, pricePerTrainee: 5800,
        curriculum: [{ title: '安全生产与识图', hours: 40, kind: 'theory' }, { title: '数控车床实操 / CNC lathe practice', hours: 160, kind: 'practice', certificate: '数控车工四级' }],
        message: '我院有 30 台数控车床的实训基地。We run a 30-lathe training workshop.'
      }
    }
  }
}

export function scenarios (manifest: Manifest, actors: Actors): Scenario[] {
  const coordinatorOf = Object.fromEntries(actors.coordinators.map((c) => [c.code, c.token])) as Record<AllianceCode, string>
  const openOrders = ALLIANCE_CODES.flatMap((code) => manifest.open[code].slice(0, 500).map((o) => ({ code, id: o.id })))
  const recommendFor = cycle(openOrders)
  const feedCollege = cycle(actors.colleges)
  const searchCollege = cycle(actors.colleges)
  const searchTerm = cycle(SEARCH_TERMS)
  const reportAlliance = cycle(ALLIANCE_CODES)
  const year = new Date(manifest.generatedAt).getUTCFullYear()
  let bidsSent = 0
  const bid = bidCall(actors)
  return [
    { name: 'ref-list', target: 'reference', description: 'reference: open orders of the alliance, 20 a page', next: listCall(actors, 'reference') },
    { name: 'list', target: 'app', reference: 'ref-list', description: 'college lists open orders of its alliance, 20 a page', next: listCall(actors, 'app') },
    { name: 'ref-read', target: 'reference', description: 'reference: point read of a visible order', next: readCall(actors, manifest) },
    { name: 'read', target: 'app', reference: 'ref-read', description: 'college reads one order of its alliance', next: readCall(actors, manifest) },
    {
      name: 'search', target: 'app', description: 'college searches (q, Chinese and English), half of them open only',
      next: () => {
        const { token } = searchCollege()
        const q = encodeURIComponent(searchTerm())
        return { method: 'GET', path: `/v1/orders?q=${q}&limit=20${Math.random() < 0.5 ? '&status=open' : ''}`, token }
      }
    },
    {
      name: 'recommend', target: 'app', serviceTime: true, description: 'colleges ranked for an open order (coordinator), one at a time',
      next: () => {
        const { code, id } = recommendFor()
        return { method: 'GET', path: `/v1/orders/${id}/recommendations?limit=10`, token: coordinatorOf[code] }
      }
    },
    {
      name: 'feed', target: 'app', serviceTime: true, description: 'open orders ranked for a college, one at a time',
      next: () => ({ method: 'GET', path: '/v1/recommendations/orders?limit=10', token: feedCollege().token })
    },
    {
      name: 'report', target: 'app', serviceTime: true, description: `alliance report over ${year - 3}–${year} (coordinator), one at a time`,
      next: () => {
        const code = reportAlliance()
        return { method: 'GET', path: `/v1/reports/alliances/${code}?from=${year - 3}-01-01&to=${year}-12-31`, token: coordinatorOf[code] }
      }
    },
    {
      name: 'report-year', target: 'app', serviceTime: true, description: 'alliance report, default range (the current year), one at a time',
      next: () => {
        const code = reportAlliance()
        return { method: 'GET', path: `/v1/reports/alliances/${code}`, token: coordinatorOf[code] }
      }
    },
    { name: 'ref-create', target: 'reference', description: 'reference: insert a draft order with its terms and skills', next: createCall(actors) },
    { name: 'create', target: 'app', reference: 'ref-create', description: 'enterprise creates a draft order', next: createCall(actors) },
    {
      name: 'bid', target: 'app', description: 'college submits a bid, each request a fresh (college, open order) pair',
      supply: () => actors.bidPairs.length - bidsSent,
      next: () => { bidsSent++; return bid() }
    }
  ]
}
