// Organization rules without HTTP: fields that belong to the other kind are named with their path.
import t from 'tap'
import { fieldsOfOtherKind } from '../../../src/modules/organizations/rules.ts'

await t.test('college-only fields on an enterprise, enterprise-only fields on a college', async (t) => {
  t.same(fieldsOfOtherKind('enterprise', { industry: 'auto parts' }), [])
  t.same(fieldsOfOtherKind('college', { specialties: ['数控'], annualCapacity: 10 }), [])
  t.same(fieldsOfOtherKind('enterprise', { specialties: [], annualCapacity: null }).map((e) => e.path), ['/specialties', '/annualCapacity'], 'an empty list or null still names the field')
  t.same(fieldsOfOtherKind('college', { industry: 'x' }, '/organization').map((e) => e.path), ['/organization/industry'])
  t.match(fieldsOfOtherKind('college', { industry: 'x' })[0]?.message, /enterprise-only/)
  t.same(fieldsOfOtherKind('college', {}), [])
})
