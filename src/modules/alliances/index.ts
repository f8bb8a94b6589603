// The alliances module's public surface: what other modules may use.
export { activeAllianceIds, coordinatorAllianceIds, findAllianceByCode, isActiveMember, isCoordinatorOf, requireAlliance } from './access.ts'
