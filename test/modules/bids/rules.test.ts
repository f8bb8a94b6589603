// Pure bid rules: totals, cohort size, and who reads a bid while sealed.
import t from 'tap'
import { bidReading, cohortSizeFits, totalHours, totalPrice } from '../../../src/modules/bids/rules.ts'
import { bidsSealed } from '../../../src/modules/orders/rules.ts'

t.test('totals and cohort size', async (t) => {
  t.equal(totalHours([{ title: 'a', hours: 40, kind: 'theory' }, { title: 'b', hours: 160, kind: 'internship' }]), 200)
  t.equal(totalPrice(7500, 8), 60000)
  t.ok(cohortSizeFits(10, 10))
  t.notOk(cohortSizeFits(11, 10))
  t.notOk(cohortSizeFits(0, 10))
})

t.test('sealed until bidding closes; the bidding college always reads its own', async (t) => {
  t.ok(bidsSealed({ status: 'open', biddingClosedAt: null }))
  t.notOk(bidsSealed({ status: 'evaluating', biddingClosedAt: '2027-02-01T00:00:00Z' }))
  t.ok(bidsSealed({ status: 'cancelled', biddingClosedAt: null }), 'cancelled while open: never unsealed')
  t.notOk(bidsSealed({ status: 'cancelled', biddingClosedAt: '2027-02-01T00:00:00Z' }))
  const order = (status: 'open' | 'evaluating', privileged: boolean) => ({ visible: true, privileged, status, biddingClosedAt: null })
  t.equal(bidReading({ organizationId: 'c1' }, { organizationId: 'c1' }, order('open', false)), 'own')
  t.equal(bidReading({ organizationId: 'e1' }, { organizationId: 'c1' }, order('open', true)), 'sealed')
  t.equal(bidReading({ organizationId: 'e1' }, { organizationId: 'c1' }, order('evaluating', true)), 'full')
  t.equal(bidReading({ organizationId: 'c2' }, { organizationId: 'c1' }, order('evaluating', false)), 'hidden')
  t.equal(bidReading({ organizationId: null }, { organizationId: 'c1' }, { ...order('evaluating', true), visible: false }), 'hidden')
})
