// OpenAPI helpers for the fuzz and matrix tests: operations, fast-check arbitraries from JSON Schema, near-valid mutations.
import fc from 'fast-check'

export type Schema = Record<string, unknown>
export type Parameter = { in: string, name: string, required?: boolean, schema: Schema }
export type Operation = {
  parameters?: Parameter[]
  requestBody?: { required?: boolean, content: Record<string, { schema: Schema }> }
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>
  security?: Record<string, string[]>[]
}
export type OpenApi = { paths: Record<string, Record<string, Operation>>, components?: { schemas?: Record<string, Schema> } }
export type OperationEntry = { method: string, path: string, name: string, operation: Operation }

const METHODS = ['get', 'post', 'put', 'patch', 'delete']
const CHINESE = ['宁波', '数控车床操作工', '芳烃及精细化工', '铝合金精深加工', '焊接', '新能源汽车', '张三', '职业技术学院']

export function operationsOf (doc: OpenApi): OperationEntry[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) =>
    ({ method: method.toUpperCase(), path, name: `${method.toUpperCase()} ${path}`, operation: item[method]! })))
}

export const needsToken = (operation: Operation) => (operation.security ?? []).some((s) => 'bearerAuth' in s)

export function resolve (doc: OpenApi, schema: Schema): Schema {
  const ref = schema['$ref']
  if (typeof ref !== 'string') return schema
  const name = ref.replace('#/components/schemas/', '')
  const target = doc.components?.schemas?.[name]
  if (!target) throw new Error(`unresolved ${ref}`)
  return resolve(doc, target)
}

const typesOf = (schema: Schema): string[] => [schema['type']].flat().filter((t): t is string => typeof t === 'string')

function stringArbitrary (schema: Schema): fc.Arbitrary<string> {
  const min = Number(schema['minLength'] ?? 0)
  const max = Number(schema['maxLength'] ?? 200)
  const fits = (s: string) => [...s].length >= min && [...s].length <= max
  const format = schema['format']
  if (format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
  if (format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString())
  if (format === 'email') return fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,15}$/), fc.nat(1_000_000)).map(([local, n]) => `${local}.${n}@fuzz.talent-orders.cn`).filter(fits)
  if (typeof schema['pattern'] === 'string') {
    const pattern = new RegExp(schema['pattern'])
    const sample = fc.stringMatching(pattern).filter(fits)
    const chinese = CHINESE.filter((s) => fits(s) && pattern.test(s))
    return chinese.length > 0 ? fc.oneof(sample, sample, fc.constantFrom(...chinese)) : sample
  }
  const chinese = CHINESE.filter(fits)
  const plain = fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 40)) })
  const unicode = fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 12)), unit: 'grapheme' })
  return (chinese.length > 0 ? fc.oneof(plain, unicode, fc.constantFrom(...chinese)) : fc.oneof(plain, unicode)).filter(fits)
}

/** Values that satisfy the schema (bounded sizes, so requests stay small). */
export function arbitraryFor (doc: OpenApi, raw: Schema): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw)
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]))
  if ('const' in schema) return fc.constant(schema['const'])
  const branches = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined
  if (branches) return fc.oneof(...branches.map((b) => arbitraryFor(doc, b)))
  const types = typesOf(schema)
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryFor(doc, { ...schema, type })))
  switch (types[0]) {
    case 'string': return stringArbitrary(schema)
    case 'integer': {
      const min = Number(schema['minimum'] ?? -1_000_000)
      const max = Number(schema['maximum'] ?? 1_000_000)
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max))
    }
    case 'number': return fc.double({ min: Number(schema['minimum'] ?? -1e6), max: Number(schema['maximum'] ?? 1e6), noNaN: true, noDefaultInfinity: true })
    case 'boolean': return fc.boolean()
    case 'null': return fc.constant(null)
    case 'array': {
      const items = arbitraryFor(doc, (schema['items'] ?? {}) as Schema)
      const constraints = { minLength: Number(schema['minItems'] ?? 0), maxLength: Math.min(Number(schema['maxItems'] ?? 5), 5) }
      return schema['uniqueItems'] ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints)
    }
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, Schema>
      const required = (schema['required'] ?? []) as string[]
      const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, arbitraryFor(doc, v)]))
      const minProperties = Number(schema['minProperties'] ?? 0)
      return fc.record(model, { requiredKeys: required }).filter((o) => Object.keys(o).length >= minProperties)
    }
    default: return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean())
  }
}

const jsonType = (value: unknown) => value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value

/** A value of a JSON type the schema does not allow (undefined when it allows anything). */
function wrongTypeFor (doc: OpenApi, raw: Schema): unknown {
  const schema = resolve(doc, raw)
  const branches = ((schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined)?.map((b) => resolve(doc, b))
  const allowed = new Set((branches ?? [schema]).flatMap((s) => Array.isArray(s['enum']) ? (s['enum'] as unknown[]).map(jsonType) : typesOf(s)))
  if (allowed.has('number')) allowed.add('integer')
  return [12345, 'fuzz', true, null, [1], { fuzz: 1 }, 1.5].find((v) => !allowed.has(jsonType(v)) && !(v === 1.5 && allowed.has('number')))
}

/** Single mutations of a valid value that the schema must refuse: unknown field, missing field, wrong type, out of bounds. */
export function nearValidVariants (doc: OpenApi, raw: Schema, valid: unknown): unknown[] {
  const schema = resolve(doc, raw)
  const variants: unknown[] = ['not an object', [valid]]
  if (valid === null || typeof valid !== 'object' || Array.isArray(valid)) return variants
  const body = valid as Record<string, unknown>
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>
  if (schema['additionalProperties'] === false) variants.push({ ...body, unexpectedField: 'mass assignment' })
  for (const key of (schema['required'] ?? []) as string[]) {
    const { [key]: _dropped, ...rest } = body
    variants.push(rest)
  }
  for (const [key, value] of Object.entries(body)) {
    const property = resolve(doc, properties[key] ?? {})
    const wrong = wrongTypeFor(doc, property)
    if (wrong !== undefined) variants.push({ ...body, [key]: wrong })
    if (typeof value === 'string' && typeof property['maxLength'] === 'number') variants.push({ ...body, [key]: 'x'.repeat(property['maxLength'] + 1) })
    if (typeof value === 'number' && typeof property['maximum'] === 'number') variants.push({ ...body, [key]: property['maximum'] + 1 })
    if (typeof value === 'number' && typeof property['minimum'] === 'number') variants.push({ ...body, [key]: property['minimum'] - 1 })
    if (Array.isArray(value) && typeof property['maxItems'] === 'number' && value.length > 0) {
      variants.push({ ...body, [key]: Array.from({ length: property['maxItems'] + 1 }, () => value[0]) })
    }
  }
  return variants
}

/** Paths (like /items/0/secret) of keys in a response value that its schema does not document. */
export function undocumentedKeys (doc: OpenApi, raw: Schema, value: unknown, at = ''): string[] {
  const schema = resolve(doc, raw)
  const branches = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined
  if (branches) {
    const results = branches.map((b) => undocumentedKeys(doc, b, value, at))
    return results.find((r) => r.length === 0) ?? results[0] ?? []
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => undocumentedKeys(doc, (schema['items'] ?? {}) as Schema, item, `${at}/${i}`))
  if (value === null || typeof value !== 'object') return []
  const properties = schema['properties'] as Record<string, Schema> | undefined
  if (!properties) return []
  return Object.entries(value).flatMap(([key, child]) =>
    properties[key] ? undocumentedKeys(doc, properties[key], child, `${at}/${key}`) : [`${at}/${key}`])
}
