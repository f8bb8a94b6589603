// Creates the bootstrap admin from ADMIN_EMAIL / ADMIN_PASSWORD when that account does not exist.
import type { DataLayer } from '../../db/executor.ts'
import { findUserByEmail, insertUser } from '../modules/accounts/users-repository.ts'

/** `hash` is the scheduled hasher's (app.passwords), so seeding is bounded like every other derivation. */
export async function seedAdmin (data: DataLayer, email: string, password: string, hash: (password: string) => Promise<string>, at: Date): Promise<boolean> {
  if (await findUserByEmail(data, email)) return false
  const passwordHash = await hash(password)
  return data.write(async (tx) => {
    if (await findUserByEmail(tx, email)) return false
    await insertUser(tx, { email, name: 'Administrator', role: 'admin', organizationId: null, passwordHash }, at)
    return true
  })
}
