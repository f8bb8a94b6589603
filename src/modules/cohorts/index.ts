// The cohorts module's public surface: what other modules may use.
export { createCohortForMatch } from './create.ts'
export { cancelCohortOfRevokedMatch } from './service.ts'
export { isStandstillOver } from './rules.ts'
