// Pure order rules and the search tokenizer, tested without HTTP.
import t from 'tap'
import fc from 'fast-check'
import { canCancel, canFinalize, canPublish, dateErrors, effectiveStatus, hiringErrors, isFullyApproved, remainingSeats, type MatchSeats } from '../../../src/modules/orders/rules.ts'
import { indexTerms, queryTerms } from '../../../src/modules/orders/search-terms.ts'

const now = new Date('2027-01-10T08:00:00.000Z')

t.test('effective status: open past its deadline is evaluating, or unsuccessful with too few bids; nothing else changes', async (t) => {
  t.equal(effectiveStatus({ status: 'open', bidDeadline: '2027-01-10T08:00:00.000Z', minBids: 1 }, 1, now), 'evaluating', 'at the deadline instant')
  t.equal(effectiveStatus({ status: 'open', bidDeadline: '2027-01-10T08:00:00.000Z', minBids: 1 }, 0, now), 'unsuccessful', 'no bid at all')
  t.equal(effectiveStatus({ status: 'open', bidDeadline: '2027-01-10T08:00:00.000Z', minBids: 3 }, 2, now), 'unsuccessful')
  t.equal(effectiveStatus({ status: 'open', bidDeadline: '2027-01-10T08:00:00.000Z', minBids: 3 }, 3, now), 'evaluating')
  t.equal(effectiveStatus({ status: 'open', bidDeadline: '2027-01-10T08:00:00.001Z', minBids: 3 }, 0, now), 'open')
  t.equal(effectiveStatus({ status: 'draft', bidDeadline: '2027-01-01T00:00:00.000Z', minBids: 1 }, 0, now), 'draft')
  t.equal(effectiveStatus({ status: 'cancelled', bidDeadline: '2027-01-01T00:00:00.000Z', minBids: 1 }, 0, now), 'cancelled')
})

t.test('dates and hiring commitment', async (t) => {
  t.same(dateErrors({ trainingStart: '2027-03-01', trainingEnd: '2027-06-30', bidDeadline: '2027-02-28T23:59:59.999Z' }), [])
  t.same(dateErrors({ trainingStart: '2027-03-01', trainingEnd: '2027-03-01', bidDeadline: '2027-02-01T00:00:00Z' }).map((e) => e.path), ['/trainingEnd'])
  t.same(dateErrors({ trainingStart: '2027-03-01', trainingEnd: '2027-06-30', bidDeadline: '2027-03-01T00:00:00Z' }).map((e) => e.path), ['/bidDeadline'])
  const questions = { trainingStart: '2027-03-01', trainingEnd: '2027-06-30', bidDeadline: '2027-02-01T00:00:00.000Z' }
  t.same(dateErrors({ ...questions, questionDeadline: '2027-02-01T00:00:00.000Z' }), [], 'questions may close with bidding')
  t.same(dateErrors({ ...questions, questionDeadline: null }), [])
  t.same(dateErrors({ ...questions, questionDeadline: '2027-02-01T00:00:00.001Z' }).map((e) => e.path), ['/questionDeadline'])
  t.same(hiringErrors({ headcount: 10, hiringPositions: 10, monthlySalaryMin: 5000, monthlySalaryMax: 5000 }), [])
  t.same(hiringErrors({ headcount: 10, hiringPositions: 11, monthlySalaryMin: 6000, monthlySalaryMax: 5000 }).map((e) => e.path), ['/hiringCommitment/positions', '/hiringCommitment/monthlySalaryMax'])
  t.same(hiringErrors({ headcount: 1, hiringPositions: null, monthlySalaryMin: null, monthlySalaryMax: null }), [])
})

t.test('publish, edit while open, finalize, cancel', async (t) => {
  t.same(canPublish({ status: 'draft', bidDeadline: '2027-02-01T00:00:00Z' }, now), { ok: true })
  t.same(canPublish({ status: 'draft', bidDeadline: '2027-01-10T08:00:00Z' }, now), { ok: false, reason: 'deadline_passed' })
  t.same(canPublish({ status: 'open', bidDeadline: '2027-02-01T00:00:00Z' }, now), { ok: false, reason: 'not_draft' })
  const approved: MatchSeats = { status: 'approved', seats: 3 }
  const proposed: MatchSeats = { status: 'proposed', seats: 2 }
  t.same(canFinalize('evaluating', [approved]), { ok: true })
  t.same(canFinalize('evaluating', [approved, proposed]), { ok: false, reason: 'proposals_pending' })
  t.same(canFinalize('evaluating', [{ status: 'rejected', seats: 3 }]), { ok: false, reason: 'no_approved_match' })
  t.same(canFinalize('open', [approved]), { ok: false, reason: 'not_evaluating' })
  t.same(['draft', 'open', 'evaluating', 'awarded', 'cancelled'].map((s) => canCancel(s as 'draft')), [true, true, true, false, false])
  t.ok(isFullyApproved(3, [approved, proposed]))
  t.notOk(isFullyApproved(4, [approved, proposed]))
})

t.test('remaining seats count proposed and approved matches only (property)', async (t) => {
  const match = fc.record({ status: fc.constantFrom('proposed', 'approved', 'rejected', 'withdrawn' as const), seats: fc.integer({ min: 1, max: 50 }) })
  fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(match, { maxLength: 20 }), (headcount, matches) => {
    const live = matches.filter((m) => m.status === 'proposed' || m.status === 'approved').reduce((s, m) => s + m.seats, 0)
    return remainingSeats(headcount, matches) === headcount - live
  }))
  t.equal(remainingSeats(10, [{ status: 'approved', seats: 4 }, { status: 'rejected', seats: 6 }, { status: 'proposed', seats: 1 }]), 5)
})

t.test('search terms: CJK unigrams and bigrams, lower-cased stemmed words; queries as bigrams', async (t) => {
  t.same(indexTerms('数控车床 CNC-Lathe'), ['数', '数控', '控', '控车', '车', '车床', '床', 'cnc', 'lath'], 'English words by their stem (lathe, lathes: lath)')
  t.same(indexTerms('ＣＮＣ 焊工'), ['焊', '焊工', '工', 'cnc'], 'full-width letters are normalised')
  t.same(queryTerms('焊工'), ['焊工'])
  t.same(queryTerms('数控车床'), ['数控', '控车', '车床'])
  t.same(queryTerms('焊 Welding!'), ['焊', 'weld'], 'English words stemmed')
  t.same(queryTerms('  !! '), [])
  fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
    const text = `${before}焊工${after}`
    const stored = new Set(indexTerms(text))
    return queryTerms('焊工').every((term) => stored.has(term))
  }), { numRuns: 200 })
})
