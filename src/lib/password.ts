// Passwords: the one normalisation (NFKC) that length rules, policy and hashing all judge, and scrypt in the stored form.
import { scrypt, randomBytes, timingSafeEqual } from 'node:crypto'

const KEY_LENGTH = 64
const BLOCK_SIZE = 8
const PARALLELISM = 1

/** Length bounds, in code points of the normalised password (what is hashed). */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128
/**
 * Bound on the raw text a request may carry. NFKC shrinks text only by composing (a letter and its
 * accent, Hangul jamo), at most about threefold, so every password of 128 normalised characters fits.
 */
export const PASSWORD_RAW_MAX_LENGTH = 512

/** What a password is, for every rule and for the hash: NFKC, so full-width `ｐａｓｓ` is `pass` and ligatures are split. */
export const normalizePassword = (password: string) => password.normalize('NFKC')

/** Code points of the normalised password (as JSON Schema counts `minLength`). */
export const passwordLength = (password: string) => [...normalizePassword(password)].length

// Each derivation holds 128·N·r bytes (128 MiB at N=2^17) for its duration: never call these directly,
// go through the scheduled hasher (app.passwords, src/lib/password-hasher.ts), which bounds how many run.
function derive (password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN
  return new Promise((resolve, reject) => {
    scrypt(normalizePassword(password), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) => {
      if (error) reject(error)
      else resolve(key)
    })
  })
}

/** Hashes a password into `scrypt$logN$r$p$salt$key` (base64url parts). Unscheduled: use the hasher. */
export async function hashPassword (password: string, logN: number): Promise<string> {
  const salt = randomBytes(32)
  const key = await derive(password, salt, logN, BLOCK_SIZE, PARALLELISM)
  return ['scrypt', logN, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Verifies a password against a stored hash in constant time. Unscheduled: use the hasher. */
export async function verifyPassword (password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(logN), Number(r), Number(p))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
