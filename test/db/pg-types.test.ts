// PostgreSQL instants read back as SQLite stores them: RFC 3339 in UTC with milliseconds.
import t from 'tap'
import { isoInstant } from '../../db/pg/types.ts'

t.test('a timestamptz in UTC becomes the ISO string with three fraction digits', async (t) => {
  t.equal(isoInstant('2027-01-10 08:00:00+00'), '2027-01-10T08:00:00.000Z')
  t.equal(isoInstant('2027-01-10 08:00:00.12+00'), '2027-01-10T08:00:00.120Z')
  t.equal(isoInstant('2027-01-10 08:00:00.123+00'), '2027-01-10T08:00:00.123Z')
  t.equal(isoInstant('2027-01-10 08:00:00.123456+00'), '2027-01-10T08:00:00.123Z', 'microseconds are cut to milliseconds')
  t.equal(isoInstant('2027-01-10 08:00:00+00:00'), '2027-01-10T08:00:00.000Z')
})

t.test('a timestamp without a zone is read as UTC', async (t) => {
  t.equal(isoInstant('2027-01-10 08:00:00.5'), '2027-01-10T08:00:00.500Z')
  t.equal(isoInstant('2027-01-10T08:00:00'), '2027-01-10T08:00:00.000Z')
})

t.test('another offset is converted to UTC', async (t) => {
  t.equal(isoInstant('2027-01-10 16:00:00+08'), '2027-01-10T08:00:00.000Z')
  t.equal(isoInstant('2027-01-10 02:30:00.250-05:30'), '2027-01-10T08:00:00.250Z')
  t.equal(isoInstant('2027-01-01 01:00:00+0200'), '2026-12-31T23:00:00.000Z', 'across a year boundary')
})

t.test('the result sorts and compares as the SQLite text does', async (t) => {
  const read = ['2027-01-10 08:00:00.9+00', '2027-01-10 08:00:00.1+00', '2027-01-09 23:59:59.999+00'].map(isoInstant)
  t.same([...read].sort(), ['2027-01-09T23:59:59.999Z', '2027-01-10T08:00:00.100Z', '2027-01-10T08:00:00.900Z'])
  t.equal(isoInstant('2027-01-10 08:00:00.12+00'), new Date('2027-01-10T08:00:00.120Z').toISOString())
})

t.test('other text falls back to the Date parser', async (t) => {
  t.equal(isoInstant('2027-01-10T08:00:00.000Z'), '2027-01-10T08:00:00.000Z')
})
