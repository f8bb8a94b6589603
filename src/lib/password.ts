// Password hashing with scrypt (N=2^logN, r=8, p=1, 32-byte salt, 64-byte key) from node:crypto.
import { scrypt, randomBytes, timingSafeEqual } from 'node:crypto'

const KEY_LENGTH = 64
const BLOCK_SIZE = 8
const PARALLELISM = 1

// Each derivation holds 128·N·r bytes (128 MiB at N=2^17) for its duration. Running more than one
// per core adds no throughput, so at most two run at once and the rest wait: peak hashing memory
// stays at 256 MiB however many logins arrive together.
const MAX_CONCURRENT_DERIVATIONS = 2
let running = 0
const waiting: Array<() => void> = []

/** Derivations running now (for tests and diagnostics). */
export const derivationsInFlight = () => running

async function withDerivationSlot<T> (work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_DERIVATIONS) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  try {
    return await work()
  } finally {
    running--
    waiting.shift()?.()
  }
}

function derive (password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return withDerivationSlot(() => deriveNow(password, salt, logN, r, p))
}

function deriveNow (password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) => {
      if (error) reject(error)
      else resolve(key)
    })
  })
}

/** Hashes a password into `scrypt$logN$r$p$salt$key` (base64url parts). */
export async function hashPassword (password: string, logN: number): Promise<string> {
  const salt = randomBytes(32)
  const key = await derive(password, salt, logN, BLOCK_SIZE, PARALLELISM)
  return ['scrypt', logN, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Verifies a password against a stored hash in constant time. */
export async function verifyPassword (password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(logN), Number(r), Number(p))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

let dummyHash: Promise<string> | undefined

/** Spends the same work as a real check when the account does not exist (no user enumeration by timing). */
export async function burnPasswordCheck (password: string, logN: number): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing', logN)
  await verifyPassword(password, await dummyHash)
}
