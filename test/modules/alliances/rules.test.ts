// Membership rules without HTTP: who knows of a membership, who decides it, when it can be decided or requested.
import t from 'tap'
import { canSeeMembership, canDecideMembership, isDecidable, canRequestMembership, type MembershipViewer } from '../../../src/modules/alliances/rules.ts'

const viewer = (overrides: Partial<MembershipViewer>): MembershipViewer => ({ isAdmin: false, coordinatesAlliance: false, isMemberOrganization: false, ...overrides })

await t.test('who sees and who decides a membership', async (t) => {
  const cases: [string, MembershipViewer, boolean, boolean][] = [
    ['coordinator of the alliance', viewer({ coordinatesAlliance: true }), true, true],
    ['admin', viewer({ isAdmin: true }), true, false],
    ['the asking organization', viewer({ isMemberOrganization: true }), true, false],
    ['anyone else (another coordinator, another organization)', viewer({}), false, false]
  ]
  for (const [who, v, sees, decides] of cases) {
    t.equal(canSeeMembership(v), sees, `${who} sees: ${sees}`)
    t.equal(canDecideMembership(v), decides, `${who} decides: ${decides}`)
  }
})

await t.test('only a pending membership is decided; a request is allowed first or after a rejection', async (t) => {
  t.equal(isDecidable('pending'), true)
  t.equal(isDecidable('active'), false)
  t.equal(isDecidable('rejected'), false)
  t.equal(canRequestMembership(undefined), true)
  t.equal(canRequestMembership('rejected'), true)
  t.equal(canRequestMembership('pending'), false)
  t.equal(canRequestMembership('active'), false)
})
