// The team module's public surface: member and invitation routes, invitation acceptance at registration.
export { memberRoutes } from './members.ts'
export { invitationRoutes } from './invitations.ts'
export { acceptInvitation, usableInvitation } from './accept.ts'
