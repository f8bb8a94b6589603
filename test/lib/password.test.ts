// Password hashing: scrypt parameters in the stored form, verification, and the bound on concurrent derivations.
import t from 'tap'
import { hashPassword, verifyPassword, derivationsInFlight } from '../../src/lib/password.ts'

t.test('production parameters are written into the hash and verify', async (t) => {
  const stored = await hashPassword('密码-correct-horse-2027', 17)
  const [scheme, logN, r, p, salt, key] = stored.split('$')
  t.same([scheme, logN, r, p], ['scrypt', '17', '8', '1'])
  t.equal(Buffer.from(salt!, 'base64url').length, 32)
  t.equal(Buffer.from(key!, 'base64url').length, 64)
  t.equal(await verifyPassword('密码-correct-horse-2027', stored), true)
  t.equal(await verifyPassword('密码-correct-horse-2028', stored), false)
})

t.test('full-width and half-width forms of a password are the same password (NFKC)', async (t) => {
  const stored = await hashPassword('ＡＢＣdef-ghij-123', 10)
  t.equal(await verifyPassword('ABCdef-ghij-123', stored), true)
})

t.test('malformed stored hashes never verify', async (t) => {
  t.equal(await verifyPassword('anything-at-all-1', 'plain-text'), false)
  t.equal(await verifyPassword('anything-at-all-1', 'scrypt$10$8$1$$'), false)
  t.equal(await verifyPassword('anything-at-all-1', 'bcrypt$10$8$1$c2FsdA$a2V5'), false)
})

t.test('at most two derivations run at once; the rest wait their turn', async (t) => {
  let most = 0
  const sampler = setInterval(() => { most = Math.max(most, derivationsInFlight()) }, 1)
  const hashes = await Promise.all(Array.from({ length: 6 }, (_, i) => hashPassword(`parallel-password-${i}`, 14)))
  clearInterval(sampler)
  t.equal(hashes.length, 6)
  t.ok(most >= 1, 'derivations were observed running')
  t.ok(most <= 2, `never more than two at once (saw ${most})`)
  t.equal(derivationsInFlight(), 0)
  t.equal(await verifyPassword('parallel-password-5', hashes[5]!), true)
})
