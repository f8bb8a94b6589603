// The organizations module's public surface: what other modules may use.
export { activeAllianceCodes, findOrganization, insertOrganization, toOrganizationDto } from './repository.ts'
export { collegeTrackRecord, enterpriseTrackRecord } from './track-record.ts'
