// Pure standstill and complaint rules without HTTP: when a complaint is accepted, when a cohort may start.
import t from 'tap'
import { HttpProblem } from '../../../src/lib/problems.ts'
import { checkComplaint, isStandstillOver, isUndecided, type ComplaintFacts } from '../../../src/modules/complaints/rules.ts'
import { assertStandstillOver } from '../../../src/modules/cohorts/rules.ts'

const until = '2027-01-10T09:00:00.000Z'
const before = new Date('2027-01-10T08:59:59.999Z')
const at = new Date(until)
const live: ComplaintFacts = { matchStatus: 'approved', orderStatus: 'evaluating', standstillUntil: until, trainingStarted: false, complained: false }

t.test('the standstill ends exactly at standstillUntil; none without one', async (t) => {
  t.equal(isStandstillOver(until, before), false)
  t.equal(isStandstillOver(until, at), true)
  t.equal(isStandstillOver(null, before), true, 'matches approved before standstills existed')
})

t.test('a complaint needs an approved match of a live order, a running standstill, a cohort not started, a first complaint', async (t) => {
  t.same(checkComplaint(live, before), { ok: true })
  t.same(checkComplaint({ ...live, orderStatus: 'awarded' }, before), { ok: true }, 'an awarded order too')
  t.same(checkComplaint({ ...live, matchStatus: 'revoked' }, before), { ok: false, reason: 'match_not_approved' })
  t.same(checkComplaint({ ...live, matchStatus: 'proposed' }, before), { ok: false, reason: 'match_not_approved' })
  t.same(checkComplaint({ ...live, orderStatus: 'cancelled' }, before), { ok: false, reason: 'order_cancelled' })
  t.same(checkComplaint(live, at), { ok: false, reason: 'standstill_over' })
  t.same(checkComplaint({ ...live, standstillUntil: null }, before), { ok: false, reason: 'standstill_over' })
  t.same(checkComplaint({ ...live, trainingStarted: true }, before), { ok: false, reason: 'standstill_over' })
  t.same(checkComplaint({ ...live, complained: true }, before), { ok: false, reason: 'duplicate_complaint' })
  t.ok(isUndecided('pending'))
  t.notOk(isUndecided('dismissed') || isUndecided('upheld'))
})

t.test('a cohort starts after the standstill and with no complaint pending', async (t) => {
  const codeOf = (fn: () => void) => {
    try { fn(); return 'ok' } catch (error) { return error instanceof HttpProblem ? `${error.status} ${error.code}` : 'other' }
  }
  t.equal(codeOf(() => assertStandstillOver({ standstillUntil: until, pendingComplaints: 0 }, before)), '409 standstill')
  t.equal(codeOf(() => assertStandstillOver({ standstillUntil: until, pendingComplaints: 0 }, at)), 'ok')
  t.equal(codeOf(() => assertStandstillOver({ standstillUntil: until, pendingComplaints: 1 }, at)), '409 standstill')
  t.equal(codeOf(() => assertStandstillOver({ standstillUntil: null, pendingComplaints: 0 }, before)), 'ok')
})
