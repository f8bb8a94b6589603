// Creates the bootstrap admin from ADMIN_EMAIL / ADMIN_PASSWORD when that account does not exist.
import type { Database } from '../../db/client.ts'
import { hashPassword } from '../lib/password.ts'
import { findUserByEmail, insertUser } from '../modules/auth/users-repository.ts'

export async function seedAdmin (db: Database, email: string, password: string, logN: number, at: Date): Promise<boolean> {
  if (findUserByEmail(db, email)) return false
  const passwordHash = await hashPassword(password, logN)
  return db.transaction((tx) => {
    if (findUserByEmail(tx, email)) return false
    insertUser(tx, { email, name: 'Administrator', role: 'admin', organizationId: null, passwordHash }, at)
    return true
  }, { behavior: 'immediate' })
}
