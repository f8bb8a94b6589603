// Response serializers compiled once per process: every app built in it (tests build hundreds) reuses them.
import SerializerSelector, { type SerializerCompiler, type SerializerFactory } from '@fastify/fast-json-stringify-compiler'

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
  const build = compile(externalSchemas, options)
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
      serializer = build(route)
      forSchemas.set(schema, serializer)
    }
    return serializer
  }
}
