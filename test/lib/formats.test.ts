// The strict date and date-time formats: every accepted value is one Date can represent exactly.
import t from 'tap'
import { isCalendarDate, isInstant } from '../../src/lib/formats.ts'

t.test('calendar dates that exist, and nothing else', async (t) => {
  for (const ok of ['2027-03-01', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31']) t.ok(isCalendarDate(ok), ok)
  for (const bad of ['2027-02-29', '2027-02-30', '1900-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-00', '0000-01-01', '2027-1-01', '2027-01-01T00:00:00Z', ' 2027-01-01', '２０２７-01-01']) {
    t.notOk(isCalendarDate(bad), bad)
  }
})

t.test('instants: RFC 3339 with a T, seconds, Z or an offset; never one Date cannot hold', async (t) => {
  for (const ok of ['2027-06-30T23:59:59Z', '2027-06-30T23:59:59.999Z', '2027-01-01t00:00:00z', '2027-01-01T08:00:00+08:00', '2027-01-01T00:00:00.5-05:30', '2028-02-29T12:00:00Z']) {
    t.ok(isInstant(ok), ok)
    t.ok(Number.isFinite(new Date(ok).getTime()), `${ok} is a Date`)
  }
  for (const bad of [
    '2027-06-30T23:59:60Z', '2027-06-30T23:59:60.000Z', '2027-07-01T07:59:60+08:00', '2027-02-30T00:00:00Z', '2027-01-01T24:00:00Z',
    '2027-01-01T00:60:00Z', '2027-01-01T00:00:00', '2027-01-01 00:00:00Z', '2027-01-01T00:00Z', '2027-01-01T00:00:00+0800',
    '2027-01-01T00:00:00+24:00', '2027-01-01T00:00:00+08:60', '2027-01-01T00:00:00.1234Z', '9999-12-31T23:00:00-05:00', '2027-01-01'
  ]) t.notOk(isInstant(bad), bad)
})
