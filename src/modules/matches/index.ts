// The matches module's public surface: what other modules may use.
export { findMatchAccess, type MatchAccess } from './repository.ts'
export { revokeMatch } from './service.ts'
