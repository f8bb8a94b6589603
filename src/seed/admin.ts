// Creates the bootstrap admin from ADMIN_EMAIL / ADMIN_PASSWORD when that account does not exist.
import type { Database } from '../../db/client.ts'
import { findUserByEmail, insertUser } from '../modules/auth/users-repository.ts'

/** `hash` is the scheduled hasher's (app.passwords), so seeding is bounded like every other derivation. */
export async function seedAdmin (db: Database, email: string, password: string, hash: (password: string) => Promise<string>, at: Date): Promise<boolean> {
  if (findUserByEmail(db, email)) return false
  const passwordHash = await hash(password)
  return db.transaction((tx) => {
    if (findUserByEmail(tx, email)) return false
    insertUser(tx, { email, name: 'Administrator', role: 'admin', organizationId: null, passwordHash }, at)
    return true
  }, { behavior: 'immediate' })
}
