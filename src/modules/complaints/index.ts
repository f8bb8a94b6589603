// The complaints module's public surface: what other modules may use.
export { findComplaintAccess, toComplaintDto, type ComplaintAccess } from './repository.ts'
