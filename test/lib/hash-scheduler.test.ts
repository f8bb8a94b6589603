// Hash scheduler: slots, the login reserve and priority, bounded queues per kind refused at once with 503.
import t from 'tap'
import { createHashScheduler, type HashKind } from '../../src/lib/hash-scheduler.ts'
import { OverloadedError } from '../../src/lib/problems.ts'

const limits = (n: number) => ({ login: n, register: n, password_change: n, user_create: n })
const settle = () => new Promise((resolve) => setImmediate(resolve))

/** A scheduler whose jobs run until the test ends them; `started` lists job names in the order they got a slot. */
function harness (concurrency: number, queueLimits = limits(10)) {
  const scheduler = createHashScheduler({ concurrency, queueLimits })
  const started: string[] = []
  const finish = new Map<string, (fail?: boolean) => void>()
  const outcomes = new Map<string, string>()
  const submit = (kind: HashKind, name: string) => {
    const done = scheduler.run(kind, () => new Promise<string>((resolve, reject) => {
      started.push(name)
      finish.set(name, (fail) => (fail ? reject(new Error(`${name} failed`)) : resolve(name)))
    }))
    done.then(() => outcomes.set(name, 'done'), (error: unknown) => outcomes.set(name, error instanceof OverloadedError ? 'overloaded' : 'failed'))
    return done
  }
  /** Submits without keeping the promise: the outcome lands in `outcomes`. */
  const send = (kind: HashKind, name: string) => { submit(kind, name).catch(() => {}) }
  const end = async (name: string, fail = false) => {
    finish.get(name)?.(fail)
    await settle()
  }
  return { scheduler, started, outcomes, submit, send, end }
}

t.test('at most `concurrency` jobs run at once; waiting ones start as slots free, in order', async (t) => {
  const h = harness(3)
  for (const name of ['a', 'b', 'c', 'd', 'e']) h.send('login', name)
  await settle()
  t.same(h.started, ['a', 'b', 'c'])
  t.equal(h.scheduler.stats().running, 3)
  t.equal(h.scheduler.stats().queued.login, 2)
  await h.end('b')
  t.same(h.started, ['a', 'b', 'c', 'd'])
  await h.end('a', true)
  t.same(h.started, ['a', 'b', 'c', 'd', 'e'], 'a failed job frees its slot too')
  t.equal(h.outcomes.get('a'), 'failed')
  for (const name of ['c', 'd', 'e']) await h.end(name)
  t.same(h.scheduler.stats(), { running: 0, runningOther: 0, queued: limits(0) })
})

t.test('registrations and other kinds share concurrency - 1 slots: a login starts at once during a flood', async (t) => {
  const h = harness(2)
  for (let i = 1; i <= 5; i++) h.send('register', `r${i}`)
  await settle()
  t.same(h.started, ['r1'], 'one slot stays free for logins')
  h.send('login', 'l1')
  await settle()
  t.same(h.started, ['r1', 'l1'])
  h.send('login', 'l2')
  await h.end('r1')
  t.same(h.started, ['r1', 'l1', 'l2'], 'a waiting login goes before waiting registrations')
  await h.end('l1')
  t.same(h.started, ['r1', 'l1', 'l2', 'r2'])
  t.equal(h.scheduler.stats().runningOther, 1)
})

t.test('with one slot there is no reserve, but a waiting login still goes first', async (t) => {
  const h = harness(1)
  h.send('register', 'r1')
  h.send('register', 'r2')
  h.send('login', 'l1')
  await settle()
  t.same(h.started, ['r1'])
  await h.end('r1')
  t.same(h.started, ['r1', 'l1'])
  await h.end('l1')
  t.same(h.started, ['r1', 'l1', 'r2'])
})

t.test('the non-login kinds take turns, so a registration flood does not starve password changes', async (t) => {
  const h = harness(2)
  for (let i = 1; i <= 4; i++) h.send('register', `r${i}`)
  h.send('password_change', 'p1')
  h.send('user_create', 'u1')
  await settle()
  for (const name of ['r1', 'r2', 'p1']) await h.end(name)
  t.same(h.started.slice(0, 4), ['r1', 'r2', 'p1', 'u1'])
})

t.test('a full queue is refused at once with a 503 overloaded problem and Retry-After; other kinds are unaffected', async (t) => {
  const h = harness(2, { login: 5, register: 2, password_change: 0, user_create: 1 })
  const results = Array.from({ length: 6 }, (_, i) => h.submit('register', `r${i + 1}`))
  const refused = await Promise.allSettled(results.slice(3))
  for (const outcome of refused) {
    t.equal(outcome.status, 'rejected')
    const error = (outcome as PromiseRejectedResult).reason as OverloadedError
    t.ok(error instanceof OverloadedError)
    t.equal(error.status, 503)
    t.equal(error.code, 'overloaded')
    t.ok(Number(error.headers?.['retry-after']) >= 1, 'Retry-After in whole seconds')
  }
  t.same(h.started, ['r1'], 'one runs, two wait, three were refused without waiting')
  t.equal(h.scheduler.stats().queued.register, 2)
  h.send('password_change', 'p1')
  await settle()
  t.equal(h.outcomes.get('p1'), 'overloaded', 'a queue of 0: nothing may wait while the shared slots are taken')
  h.send('login', 'l1')
  await settle()
  t.same(h.started, ['r1', 'l1'], 'a login is not refused')
  await h.end('r1')
  await h.end('r2')
  await h.end('r3')
  t.same(h.started, ['r1', 'l1', 'r2', 'r3'])
  t.equal(h.outcomes.get('r3'), 'done')
})
