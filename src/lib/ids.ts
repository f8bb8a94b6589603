// Opaque identifiers: UUID version 7 (time-ordered, 74 random bits), so ids sort by creation.
import { randomFillSync } from 'node:crypto'

// Random bytes drawn 4 KiB at a time: one CSPRNG call per 256 ids instead of one per id.
const pool = Buffer.alloc(4096)
let offset = pool.length

function random16 (): Buffer {
  if (offset === pool.length) {
    randomFillSync(pool)
    offset = 0
  }
  offset += 16
  return Buffer.from(pool.subarray(offset - 16, offset))
}

let lastMs = 0
let counter = 0

/** A new UUIDv7 string; ids from one process are strictly increasing. */
export function newId (now: number = Date.now()): string {
  const bytes = random16()
  if (now <= lastMs) {
    now = lastMs
    counter = (counter + 1) & 0xfff
    if (counter === 0) now = ++lastMs
  } else {
    lastMs = now
    counter = bytes.readUInt16BE(6) & 0x7ff
  }
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = 0x70 | (counter >> 8)
  bytes[7] = counter & 0xff
  bytes[8] = 0x80 | (bytes[8]! & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
