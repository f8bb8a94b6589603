// Opaque one-time tokens (refresh, invitation, password reset): 32 random bytes behind a prefix, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto'

/** A new token such as `inv_…`: the prefix says what it is for, the rest is base64url of 32 random bytes. */
export const newOpaqueToken = (prefix: 'rt' | 'inv' | 'rst') => `${prefix}_${randomBytes(32).toString('base64url')}`

/** What the database keeps of a token: its SHA-256, base64url. */
export const hashOpaqueToken = (token: string) => createHash('sha256').update(token).digest('base64url')
