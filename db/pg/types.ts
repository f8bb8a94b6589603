// How PostgreSQL values are read back: in the shape SQLite gives them, so rows are the same on both engines.
import pg from 'pg'

const OID = {
  bool: 16,
  int8: 20,
  json: 114,
  float4: 700,
  float8: 701,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  jsonb: 3802
} as const

/** `2027-01-10 08:00:00.12+00` (the session runs in UTC) → `2027-01-10T08:00:00.120Z`. */
export function isoInstant (text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:([+-]\d{2})(?::?(\d{2}))?)?$/.exec(text)
  if (!match) return new Date(text).toISOString()
  const [, day, time, fraction = '', offsetHours, offsetMinutes] = match
  const millis = (fraction + '000').slice(0, 3)
  if (offsetHours === undefined || (Number(offsetHours) === 0 && Number(offsetMinutes ?? 0) === 0)) return `${day}T${time}.${millis}Z`
  return new Date(`${day}T${time}.${millis}${offsetHours}:${offsetMinutes ?? '00'}`).toISOString()
}

const parsers: Partial<Record<number, (text: string) => unknown>> = {
  [OID.bool]: (text) => (text === 't' ? 1 : 0),
  [OID.int8]: (text) => Number(text),
  [OID.numeric]: (text) => Number(text),
  [OID.float4]: (text) => Number(text),
  [OID.float8]: (text) => Number(text),
  [OID.json]: (text) => text,
  [OID.jsonb]: (text) => text,
  [OID.date]: (text) => text,
  [OID.timestamp]: (text) => isoInstant(text),
  [OID.timestamptz]: (text) => isoInstant(text)
}

/** The `types` option of a pg client or pool: the parsers above, pg's own for everything else. */
export const rowTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const parser = parsers[oid]
    if (parser && format !== 'binary') return parser
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text')
  }) as pg.CustomTypesConfig['getTypeParser']
}
