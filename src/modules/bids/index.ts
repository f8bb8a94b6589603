// The bids module's public surface: what other modules may use.
export { findBid } from './repository.ts'
