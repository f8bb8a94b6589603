// Time helpers: the injectable clock and canonical RFC 3339 UTC instants.
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/** Normalises any RFC 3339 date-time to the canonical UTC form stored and returned. */
export const normalizeInstant = (value: string) => new Date(value).toISOString()
