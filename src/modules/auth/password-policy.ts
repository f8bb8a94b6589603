// Password policy beyond length: refuse common passwords and ones built from the account's own details.
import { ruleViolation, type HttpProblem } from '../../lib/problems.ts'
import { isCommonPassword } from './common-passwords.ts'

/** "sunshine2024!" is as guessable as "sunshine": digits and symbols appended to a common word add little. */
const stripDecorations = (lowered: string) => lowered.replace(/[\d\p{P}\p{S}\s]+$/u, '')
/** "qwertyqwerty" repeats "qwerty": the repeated unit is what an attacker guesses. */
const repeatedUnit = (lowered: string) => /^(.+?)\1+$/u.exec(lowered)?.[1] ?? ''

function isGuessable (lowered: string): boolean {
  return [lowered, stripDecorations(lowered), repeatedUnit(lowered), repeatedUnit(stripDecorations(lowered))]
    .some((candidate) => candidate.length > 0 && isCommonPassword(candidate))
}

/** A 422 problem when the password is too guessable, otherwise undefined. */
export function passwordPolicyProblem (password: string, personal: string[]): HttpProblem | undefined {
  const lowered = password.toLowerCase()
  if (isGuessable(lowered)) {
    return ruleViolation('this password is among the most common passwords; choose another', 'password_too_common', [{ path: '/password', message: 'too common' }])
  }
  for (const value of personal) {
    const part = value.toLowerCase().split('@')[0] ?? ''
    if (part.length >= 4 && lowered === part) {
      return ruleViolation('the password must not be your name or email', 'password_too_common', [{ path: '/password', message: 'matches account details' }])
    }
  }
  if (new Set(lowered).size <= 2) {
    return ruleViolation('the password repeats too few characters', 'password_too_common', [{ path: '/password', message: 'too few distinct characters' }])
  }
  return undefined
}
