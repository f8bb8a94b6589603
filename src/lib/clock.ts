// Time helpers: RFC 3339 UTC instants and calendar dates as the API writes them.
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

export const toInstant = (date: Date) => date.toISOString()

/** Normalises any RFC 3339 date-time to the canonical UTC form stored and returned. */
export const normalizeInstant = (value: string) => new Date(value).toISOString()

export const toDate = (date: Date) => date.toISOString().slice(0, 10)
