// The serializer's form of the response schemas: same text for every valid value, no validator run for nullables and literal unions.
import t from 'tap'
import fastJsonStringify from 'fast-json-stringify'
import { forSerializer } from '../../src/lib/serializer-schema.ts'
import { sharedSchemas } from '../../schemas/index.ts'
import { OrderList } from '../../schemas/orders.ts'
import { orderExample } from '../../schemas/examples.ts'

type Schema = Parameters<typeof fastJsonStringify>[0]
const byId = (map: (s: unknown) => unknown) => Object.fromEntries(sharedSchemas.map((s) => [(s as { $id: string }).$id, map(s)]))
const compile = (map: (s: unknown) => unknown, schema: unknown) =>
  fastJsonStringify(map(schema) as Schema, { schema: byId(map) as Record<string, Schema> })
const asIs = (s: unknown) => s

const order = {
  ...orderExample,
  id: '0190f0f0-0000-7000-8000-000000000001',
  organization: { id: '0190f0f0-0000-7000-8000-000000000002', name: '宁波某汽配有限公司' },
  status: 'open',
  cancelReason: null,
  publishedAt: '2027-06-01T08:00:00.000Z',
  createdAt: '2027-05-30T08:00:00.000Z',
  updatedAt: '2027-06-01T08:00:00.000Z'
}
const nulls = {
  ...order,
  status: 'cancelled',
  budgetPerTrainee: null,
  hiringCommitment: null,
  questionDeadline: null,
  cancelReason: '需求变更 "引号" \\ 与换行\n',
  publishedAt: null,
  bidCount: 3
}
const partlyNull = { ...order, status: 'unsuccessful', hiringCommitment: { positions: 5, monthlySalaryMin: null, monthlySalaryMax: 7000 } }

t.test('nullable values and literal unions become type arrays and enums; annotations stay', async (t) => {
  const nullableInstant = { anyOf: [{ type: 'string', format: 'date-time', maxLength: 40 }, { type: 'null' }], description: 'd' }
  t.same(forSerializer(nullableInstant), { type: ['string', 'null'], format: 'date-time', maxLength: 40, description: 'd' })
  const literals = { anyOf: [{ const: 'draft', type: 'string' }, { const: 'open', type: 'string' }], description: 's' }
  t.same(forSerializer(literals), { type: 'string', enum: ['draft', 'open'], description: 's' })
  const nested = { anyOf: [{ anyOf: [{ const: 'a' }, { const: 'b' }] }, { const: 'system' }] }
  t.same(forSerializer(nested), { type: 'string', enum: ['a', 'b', 'system'] }, 'a union of a union of literals')
  const object = { type: 'object', properties: { at: nullableInstant } }
  t.same(forSerializer(object), { type: 'object', properties: { at: forSerializer(nullableInstant) } }, 'inside properties')
  const ref = { anyOf: [{ $ref: 'Order' }, { type: 'null' }] }
  t.same(forSerializer(ref), ref, 'a $ref branch is left to the validator')
  const two = { anyOf: [{ type: 'string' }, { type: 'integer' }] }
  t.same(forSerializer(two), two, 'two typed branches are left to the validator')
})

t.test('an order page serializes to the same text as before, without running the validator', async (t) => {
  const before = compile(asIs, OrderList)
  const after = compile(forSerializer, OrderList)
  for (const [name, items] of Object.entries({ values: [order], nulls: [nulls], 'partly null': [partlyNull], mixed: [order, nulls, partlyNull] })) {
    const page = { items, nextCursor: name === 'mixed' ? null : 'abc' }
    t.equal(after(page), before(page), name)
    t.same(JSON.parse(after(page)), page, `${name}: the text is the page`)
  }
  t.match(before.toString(), /getSchemaValidator/, 'control: as declared, the schema needs the validator')
  t.notMatch(after.toString(), /getSchemaValidator/, 'rewritten, it does not')
})
