// The auth module's public surface: what other modules may use.
export { passwordPolicyProblem } from './password-policy.ts'
