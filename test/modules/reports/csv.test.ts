// Pure report helpers: CSV cells, Accept negotiation, rates and date ranges.
import t from 'tap'
import { csvCell, toCsv, wantsCsv } from '../../../src/modules/reports/csv.ts'
import { rate } from '../../../src/modules/reports/figures.ts'
import { resolveRange } from '../../../src/modules/reports/range.ts'
import type { HttpProblem } from '../../../src/lib/problems.ts'

await t.test('CSV cells: quoting, formula guard, nulls', async (t) => {
  t.equal(csvCell('宁波职业技术学院'), '宁波职业技术学院')
  t.equal(csvCell('a,b'), '"a,b"')
  t.equal(csvCell('say "hi"'), '"say ""hi"""')
  t.equal(csvCell('line\nbreak'), '"line\nbreak"')
  for (const risky of ['=SUM(A1)', '+1', '-1', '@cmd', '\tx']) t.equal(csvCell(risky)[0] === '"' ? csvCell(risky)[1] : csvCell(risky)[0], "'", risky)
  t.equal(csvCell('\0=1+2'), "'\0=1+2", 'a leading NUL is neutralised (ASVS 5.0 1.2.10)')
  t.equal(csvCell('\r=1'), "\"'\r=1\"", 'a leading carriage return is neutralised and quoted')
  t.equal(csvCell('a\0b'), 'a\0b', 'NUL inside a cell is left alone')
  t.equal(csvCell(-3), '-3', 'numbers are not guarded')
  t.equal(csvCell(0.75), '0.75')
  t.equal(csvCell(null), '')
  t.equal(toCsv(['a', 'b'], [[1, null]]), '\uFEFFa,b\r\n1,\r\n')
})

await t.test('Accept: CSV only when preferred over JSON', async (t) => {
  t.equal(wantsCsv(undefined), false)
  t.equal(wantsCsv('*/*'), false)
  t.equal(wantsCsv('application/json'), false)
  t.equal(wantsCsv('text/csv'), true)
  t.equal(wantsCsv('TEXT/CSV; charset=utf-8'), true)
  t.equal(wantsCsv('text/csv, */*'), true)
  t.equal(wantsCsv('text/csv;q=0.5, application/json'), false)
  t.equal(wantsCsv('application/json;q=0.2, text/csv'), true)
  t.equal(wantsCsv('text/csv;q=0'), false)
})

await t.test('rates and ranges', async (t) => {
  t.equal(rate(0, 0), null)
  t.equal(rate(3, 4), 0.75)
  t.equal(rate(5, 4), 1.25, 'more hired than promised stays visible')
  const now = new Date('2027-05-05T12:00:00Z')
  t.same(resolveRange({}, now), { from: '2027-01-01', to: '2027-12-31', fromInstant: '2027-01-01T00:00:00.000Z', toInstant: '2028-01-01T00:00:00.000Z' })
  t.equal(resolveRange({ to: '2027-02-28' }, now).toInstant, '2027-03-01T00:00:00.000Z')
  t.equal(resolveRange({ from: '2027-03-03', to: '2027-03-03' }, now).toInstant, '2027-03-04T00:00:00.000Z', 'one day')
  try {
    resolveRange({ from: '2027-03-04', to: '2027-03-03' }, now)
    t.fail('from after to must be refused')
  } catch (error) {
    t.equal((error as HttpProblem).status, 422)
  }
})
