// Response serializers compiled once per process: every app built in it (tests build hundreds) reuses them.
import SerializerSelector, { type SerializerCompiler, type SerializerFactory } from '@fastify/fast-json-stringify-compiler'
import { forSerializer } from './serializer-schema.ts'

type Serializer = ReturnType<SerializerCompiler>
type RouteDefinition = Parameters<SerializerCompiler>[0]

const compile = SerializerSelector()
// Keyed by the shared schemas and options (as JSON), then by the route's response schema object itself.
const compiled = new Map<string, WeakMap<object, Serializer>>()

/**
 * Fastify's default serializer factory (fast-json-stringify) with a cache. Compiling the response schemas of every
 * route was most of an app's start (about 1 s of 1.5 s on a busy machine); a schema object with the same shared
 * schemas compiles to the same function, so a second app in the process takes the first one's.
 */
export const cachedSerializerFactory: SerializerFactory = (externalSchemas, options) => {
  // The shared and route schemas in the form fast-json-stringify serializes without its validator (serializer-schema.ts).
  const shared = externalSchemas ? Object.fromEntries(Object.entries(externalSchemas).map(([id, schema]) => [id, forSerializer(schema)])) : externalSchemas
  const build = compile(shared as typeof externalSchemas, options)
  const key = JSON.stringify([externalSchemas ?? null, options ?? null])
  let cache = compiled.get(key)
  if (!cache) {
    cache = new WeakMap()
    compiled.set(key, cache)
  }
  const forSchemas = cache
  return (route: RouteDefinition): Serializer => {
    const schema = route.schema
    if (typeof schema !== 'object' || schema === null) return build(route)
    let serializer = forSchemas.get(schema)
    if (!serializer) {
      serializer = build({ ...route, schema: forSerializer(schema) as typeof schema })
      forSchemas.set(schema, serializer)
    }
    return serializer
  }
}
