// Column helpers for the PostgreSQL tables: text ids, instants as timestamptz(3) read back as RFC 3339 strings.
import { customType, date as pgDate, text } from 'drizzle-orm/pg-core'

/**
 * An instant: `timestamp(3) with time zone` in the database, the same RFC 3339 string (`…T…Z`, milliseconds)
 * as the SQLite `text` column in the code, so rows have one shape on both engines.
 */
export const instant = customType<{ data: string, driverData: string }>({
  dataType: () => 'timestamp (3) with time zone',
  toDriver: (value) => value,
  fromDriver: (value) => new Date(value).toISOString()
})

/** A calendar date (`YYYY-MM-DD`), as the SQLite text column holds it. */
export const calendarDate = (name: string) => pgDate(name, { mode: 'string' })

export const id = () => text('id').primaryKey()
export const createdAt = () => instant('created_at').notNull()
