// A small scheduler for password hashing: a few slots, a bounded queue per kind, logins first and with a slot of their own.
import { overloaded } from './problems.ts'

/** Who asks for a derivation: logins (known or unknown accounts alike), registrations, password changes, users created by admins or seeding. */
export const HASH_KINDS = ['login', 'register', 'password_change', 'user_create'] as const
export type HashKind = typeof HASH_KINDS[number]

export type HashSchedulerOptions = {
  /** Derivations running at once. */
  concurrency: number
  /** Jobs of each kind that may wait for a slot; one more is refused at once. */
  queueLimits: Record<HashKind, number>
  /** Expected length of one job before any was measured (for Retry-After). */
  initialJobMs?: number
}

export type HashSchedulerStats = { running: number, runningOther: number, queued: Record<HashKind, number> }

export type HashScheduler = {
  /** Runs `work` in a slot; throws an OverloadedError (503) at once when the kind's queue is full. */
  run: <T>(kind: HashKind, work: () => Promise<T>) => Promise<T>
  stats: () => HashSchedulerStats
}

type Job = { start: () => void }

const OTHER_KINDS = HASH_KINDS.filter((kind) => kind !== 'login')
/** Retry-After never promises more than this, however long the queue looks. */
const MAX_RETRY_AFTER_SECONDS = 60

/**
 * Logins of existing users must not wait behind a flood of anonymous registrations. So: a free slot
 * goes to a waiting login first; the other kinds share at most `concurrency - 1` slots (with one slot
 * there is no reserve, only the priority), taking turns between them; every queue is bounded.
 */
export function createHashScheduler (options: HashSchedulerOptions): HashScheduler {
  const { concurrency, queueLimits } = options
  const otherCap = Math.max(1, concurrency - 1)
  const queues = Object.fromEntries(HASH_KINDS.map((kind) => [kind, [] as Job[]])) as Record<HashKind, Job[]>
  let running = 0
  let runningOther = 0
  let turn = 0
  let averageMs = options.initialJobMs ?? 250

  const mayStart = (kind: HashKind) => running < concurrency && (kind === 'login' || runningOther < otherCap)

  function nextJob (): Job | undefined {
    if (running >= concurrency) return undefined
    const login = queues.login.shift()
    if (login) return login
    if (runningOther >= otherCap) return undefined
    for (let i = 0; i < OTHER_KINDS.length; i++) {
      const kind = OTHER_KINDS[(turn + i) % OTHER_KINDS.length]!
      const job = queues[kind].shift()
      if (job) {
        turn = (turn + i + 1) % OTHER_KINDS.length
        return job
      }
    }
    return undefined
  }

  function pump () {
    for (let job = nextJob(); job; job = nextJob()) job.start()
  }

  async function execute<T> (kind: HashKind, work: () => Promise<T>): Promise<T> {
    running++
    if (kind !== 'login') runningOther++
    const started = performance.now()
    try {
      return await work()
    } finally {
      averageMs = averageMs * 0.8 + (performance.now() - started) * 0.2
      running--
      if (kind !== 'login') runningOther--
      pump()
    }
  }

  function retryAfterSeconds (kind: HashKind): number {
    const slots = kind === 'login' ? concurrency : otherCap
    const seconds = Math.ceil(((queues[kind].length + 1) * averageMs) / slots / 1000)
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds))
  }

  return {
    run (kind, work) {
      // A queue of the same kind is served first, so a newcomer never overtakes one that waits.
      if (queues[kind].length === 0 && mayStart(kind)) return execute(kind, work)
      if (queues[kind].length >= queueLimits[kind]) {
        const wait = retryAfterSeconds(kind)
        return Promise.reject(overloaded(`the server is busy checking passwords; retry in ${wait} s`, wait))
      }
      return new Promise((resolve, reject) => {
        queues[kind].push({ start: () => { execute(kind, work).then(resolve, reject) } })
      })
    },
    stats: () => ({
      running,
      runningOther,
      queued: Object.fromEntries(HASH_KINDS.map((kind) => [kind, queues[kind].length])) as Record<HashKind, number>
    })
  }
}
