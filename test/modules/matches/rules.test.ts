// Pure match rules: seats within the bid's cohort and what the order has left.
import t from 'tap'
import { checkProposal, isPending } from '../../../src/modules/matches/rules.ts'

t.test('a proposal takes 1..cohortSize seats and no more than remain', async (t) => {
  t.same(checkProposal(5, 5, 5), { ok: true })
  t.same(checkProposal(6, 5, 10), { ok: false, reason: 'over_cohort' })
  t.same(checkProposal(0, 5, 10), { ok: false, reason: 'over_cohort' })
  t.same(checkProposal(4, 5, 3), { ok: false, reason: 'seats_exceeded' })
  t.ok(isPending('proposed'))
  t.notOk(isPending('approved') || isPending('rejected') || isPending('withdrawn'))
})
