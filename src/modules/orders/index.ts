// The orders module's public surface: what other modules may use.
export { loadOrderForWrite, refuseAfterLoad, requireOpen, requireOwner, type LoadedOrder } from './access.ts'
export { findOrderAccess, viewerOf, type Viewer } from './repository.ts'
export { orderMatchSeats, storeAwarded } from './lifecycle.ts'
export { bidsSealed, isFullyApproved, remainingSeats } from './rules.ts'
export { reopenAfterRevocation } from './lifecycle.ts'
