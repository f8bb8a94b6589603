// Password hashing: scrypt parameters in the stored form, verification, NFKC as the one normalisation, the scheduled hasher.
import t from 'tap'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { hashPassword, verifyPassword, normalizePassword, passwordLength } from '../../src/lib/password.ts'
import { createPasswordHasher } from '../../src/lib/password-hasher.ts'
import { fromRoot } from '../../src/lib/project-root.ts'

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
  t.equal(normalizePassword('ｐａｓｓｗｏｒｄ１２３４'), 'password1234')
})

t.test('length is counted in code points of the normalised form', async (t) => {
  t.equal(passwordLength('ｐａｓｓｗｏｒｄ１２３４'), 12)
  t.equal(passwordLength('e\u0301'.repeat(12)), 12, 'a letter and its combining accent compose into one')
  t.equal(passwordLength('㍿'.repeat(3)), 12, 'a compatibility square expands into its four characters')
  t.equal(passwordLength('😀'.repeat(12)), 12, 'astral characters count once')
})

t.test('malformed stored hashes never verify', async (t) => {
  t.equal(await verifyPassword('anything-at-all-1', 'plain-text'), false)
  t.equal(await verifyPassword('anything-at-all-1', 'scrypt$10$8$1$$'), false)
  t.equal(await verifyPassword('anything-at-all-1', 'bcrypt$10$8$1$c2FsdA$a2V5'), false)
})

t.test('the hasher runs every derivation through its scheduler, with its own cost', async (t) => {
  const hasher = createPasswordHasher({ logN: 11, concurrency: 2, queueLimits: { login: 4, register: 4, password_change: 4, user_create: 4 } })
  const pending = Array.from({ length: 6 }, (_, i) => hasher.hash(i % 2 ? 'register' : 'user_create', `parallel-password-${i}`))
  const { running, queued } = hasher.scheduler.stats()
  t.equal(running, 1, 'registrations and admin-made users share the one slot not kept for logins')
  t.same([queued.user_create, queued.register], [2, 3], 'the rest wait in their own queues')
  const hashes = await Promise.all(pending)
  t.match(hashes[0], /^scrypt\$11\$8\$1\$/)
  t.equal(await hasher.verify('login', 'parallel-password-5', hashes[5]!), true)
  t.equal(await hasher.verify('login', 'parallel-password-4', hashes[5]!), false)
  await hasher.burn('login', 'whatever-it-is')
  t.same(hasher.scheduler.stats().running, 0)
})

/** Every .ts file under a folder. */
const sources = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name)
  return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : []
})

t.test('no application code derives a password outside the scheduled hasher', async (t) => {
  const allowed = new Set(['src/lib/password.ts', 'src/lib/password-hasher.ts'])
  const offenders = sources(fromRoot('src'))
    .map((path) => relative(fromRoot(), path))
    .filter((path) => !allowed.has(path))
    .filter((path) => /\b(hashPassword|verifyPassword)\b|from 'node:crypto'[^\n]*\bscrypt\b|\bscrypt(Sync)?\(/.test(readFileSync(fromRoot(path), 'utf8')))
  t.same(offenders, [], 'logins, registrations, password changes, admin-created users and seeding all use app.passwords')
})
