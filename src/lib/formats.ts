// Strict `date` and `date-time` formats: only what JavaScript's Date represents exactly passes validation.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// RFC 3339 date-time: T separator, seconds required, at most millisecond precision, Z or a ±hh:mm offset.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
// What new Date(...).toISOString() can give back as a plain four-digit-year instant.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

/** A calendar date `YYYY-MM-DD` that exists (no 2027-02-30, no month 13, no year 0000). */
export function isCalendarDate (text: string): boolean {
  const match = DATE.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]!)
}

/**
 * An RFC 3339 instant that names one exact millisecond: a real calendar date, hours 00–23, minutes
 * and seconds 00–59 (no leap second 23:59:60, which Date cannot hold), an offset up to ±23:59, and a
 * UTC equivalent with a four-digit year. Offsets are allowed; the server stores the UTC form.
 */
export function isInstant (text: string): boolean {
  const match = DATE_TIME.exec(text)
  if (!match || !isCalendarDate(match[1]!)) return false
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4])]
  if (hour > 23 || minute > 59 || second > 59) return false
  if (match[5] !== undefined && (Number(match[5]) > 23 || Number(match[6]) > 59)) return false
  const time = new Date(text).getTime()
  return Number.isFinite(time) && ISO_UTC.test(new Date(time).toISOString())
}
