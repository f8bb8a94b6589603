// The application's only way to hash or check a password: every derivation runs in a slot of the hash scheduler.
import { hashPassword, verifyPassword } from './password.ts'
import { createHashScheduler, type HashKind, type HashScheduler, type HashSchedulerOptions } from './hash-scheduler.ts'

export type PasswordHasher = {
  hash: (kind: HashKind, password: string) => Promise<string>
  verify: (kind: HashKind, password: string, stored: string) => Promise<boolean>
  /** Spends the same work as a real check when the account does not exist (no user enumeration by timing). */
  burn: (kind: HashKind, password: string) => Promise<void>
  /** The scheduler underneath (tests occupy its slots; diagnostics read its stats). */
  scheduler: HashScheduler
}

export function createPasswordHasher (options: HashSchedulerOptions & { logN: number }): PasswordHasher {
  const scheduler = createHashScheduler(options)
  // Made inside a login slot on first use, with this hasher's cost, so it costs what a real check costs.
  let dummyHash: Promise<string> | undefined
  return {
    hash: (kind, password) => scheduler.run(kind, () => hashPassword(password, options.logN)),
    verify: (kind, password, stored) => scheduler.run(kind, () => verifyPassword(password, stored)),
    burn: (kind, password) => scheduler.run(kind, async () => {
      dummyHash ??= hashPassword('not-a-real-password-for-timing', options.logN)
      await verifyPassword(password, await dummyHash)
    }),
    scheduler
  }
}
