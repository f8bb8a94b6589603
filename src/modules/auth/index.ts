// The auth module's public surface: what other modules may use.
export { findUser, findUserByEmail, insertUser, toUserDto } from './users-repository.ts'
export { passwordPolicyProblem } from './password-policy.ts'
