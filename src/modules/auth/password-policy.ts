// Password policy, judged on the normalised password that is hashed: 12–128 characters, not common, not the account's own details.
import { badRequest, ruleViolation, type HttpProblem } from '../../lib/problems.ts'
import { normalizePassword, passwordLength, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from '../../lib/password.ts'
import { isCommonPassword } from './common-passwords.ts'

/** "sunshine2024!" is as guessable as "sunshine": digits and symbols appended to a common word add little. */
const stripDecorations = (lowered: string) => lowered.replace(/[\d\p{P}\p{S}\s]+$/u, '')
/** "qwertyqwerty" repeats "qwerty": the repeated unit is what an attacker guesses. */
const repeatedUnit = (lowered: string) => /^(.+?)\1+$/u.exec(lowered)?.[1] ?? ''

function isGuessable (lowered: string): boolean {
  return [lowered, stripDecorations(lowered), repeatedUnit(lowered), repeatedUnit(stripDecorations(lowered))]
    .some((candidate) => candidate.length > 0 && isCommonPassword(candidate))
}

/** The same text rules compare: normalised, then lower case. */
const comparable = (text: string) => normalizePassword(text).toLowerCase()

/** A 400 when the normalised password is outside 12–128 characters, otherwise undefined. */
export function passwordLengthProblem (password: string, path = '/password'): HttpProblem | undefined {
  const length = passwordLength(password)
  if (length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH) return undefined
  return badRequest(`the password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters (counted after NFKC normalisation)`, [
    { path, message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters; has ${length}` }
  ])
}

/** A 400 for a bad length or a 422 when the password is too guessable, otherwise undefined. */
export function passwordPolicyProblem (password: string, personal: string[], path = '/password'): HttpProblem | undefined {
  const tooLongOrShort = passwordLengthProblem(password, path)
  if (tooLongOrShort) return tooLongOrShort
  const lowered = comparable(password)
  if (isGuessable(lowered)) {
    return ruleViolation('this password is among the most common passwords; choose another', 'password_too_common', [{ path, message: 'too common' }])
  }
  for (const value of personal) {
    const part = comparable(value).trim().split('@')[0] ?? ''
    if (part.length >= 4 && lowered === part) {
      return ruleViolation('the password must not be your name or email', 'password_too_common', [{ path, message: 'matches account details' }])
    }
  }
  if (new Set(lowered).size <= 2) {
    return ruleViolation('the password repeats too few characters', 'password_too_common', [{ path, message: 'too few distinct characters' }])
  }
  return undefined
}

/** Whether two passwords are the same password (the same normalised text, as the hash sees them). */
export const samePassword = (a: string, b: string) => normalizePassword(a) === normalizePassword(b)
