// The organizations module's public surface: what other modules may use.
export { activeAllianceCodes, findOrganization, insertOrganization, toOrganizationDto, type OrganizationRow } from './repository.ts'
export { collegeTrackRecord, enterpriseTrackRecord } from './track-record.ts'
