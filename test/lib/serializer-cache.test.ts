// The serializer cache: one compile per schema and shared schemas in a process, never shared across different ones.
import t from 'tap'
import { cachedSerializerFactory } from '../../src/lib/serializer-cache.ts'
import { buildTestApp } from '../helper.ts'

const route = (schema: unknown) => ({ method: 'GET', url: '/x', httpStatus: '200', schema })

t.test('the same schema object with the same shared schemas gets the same compiled function', async (t) => {
  const schema = { type: 'object', properties: { name: { $ref: 'Name#' } } }
  const shared = { Name: { $id: 'Name', type: 'string' } }
  const first = cachedSerializerFactory(shared, {})(route(schema))
  const second = cachedSerializerFactory({ Name: { $id: 'Name', type: 'string' } }, {})(route(schema))
  t.equal(first, second, 'a second app (equal shared schemas) reuses the function')
  t.equal(first({ name: 'x', extra: 1 }), '{"name":"x"}')
})

t.test('other shared schemas or another schema object compile anew', async (t) => {
  const schema = { type: 'object', properties: { name: { $ref: 'Name#' } } }
  const asString = cachedSerializerFactory({ Name: { $id: 'Name', type: 'string' } }, {})(route(schema))
  const asNumber = cachedSerializerFactory({ Name: { $id: 'Name', type: 'number' } }, {})(route(schema))
  t.not(asString, asNumber)
  t.equal(asNumber({ name: 7 }), '{"name":7}')
  const lookalike = cachedSerializerFactory({ Name: { $id: 'Name', type: 'string' } }, {})(route({ type: 'object', properties: { other: { type: 'string' } } }))
  t.not(lookalike, asString, 'cached by the schema object, not by its shape')
})

t.test('apps built one after the other answer identically', async (t) => {
  const bodies = []
  for (let i = 0; i < 2; i++) {
    const app = await buildTestApp(t)
    bodies.push((await app.inject({ url: '/v1/alliances' })).body)
  }
  t.equal(bodies[0], bodies[1])
  t.match(bodies[0], /"items":\[/)
})
