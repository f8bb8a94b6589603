// The common-password list (src/modules/auth/common-passwords.txt), loaded once per process.
import { readFileSync } from 'node:fs'
import { fromRoot } from '../../lib/project-root.ts'
import { normalizePassword } from '../../lib/password.ts'

let list: Set<string> | undefined

function load (): Set<string> {
  const text = readFileSync(fromRoot('src', 'modules', 'auth', 'common-passwords.txt'), 'utf8')
  return new Set(text.split('\n').map((line) => normalizePassword(line.trim()).toLowerCase()).filter((line) => line.length > 0 && !line.startsWith('#')))
}

/** `comparable` is a password normalised (NFKC) and lower-cased, as the list entries are. */
export function isCommonPassword (comparable: string): boolean {
  list ??= load()
  return list.has(comparable)
}
