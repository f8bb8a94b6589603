// The OpenAPI document as generated clients read it: optional defaults, operationIds, descriptions, 413/415, code enums, Location, examples.
import t, { type Test } from 'tap'
import { Ajv } from 'ajv'
import addFormatsImport from 'ajv-formats'
import { buildTestApp } from '../helper.ts'
import { operationsOf, resolve, type OpenApi, type Schema } from '../hardening/openapi-tools.ts'

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv

type Media = { schema: Schema, example?: unknown, examples?: Record<string, { value: unknown }> }
type Response = { description?: string, headers?: Record<string, unknown>, content?: Record<string, { schema?: Schema }> }
type Operation = {
  operationId?: string
  requestBody?: { required?: boolean, content: Record<string, Media> }
  parameters?: Array<{ in: string, name: string, required?: boolean, schema: Schema }>
  responses: Record<string, Response>
}

const DEFAULT_CODES: Record<string, string> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'rule_violation',
  429: 'rate_limited',
  500: 'internal_error',
  503: 'service_unavailable'
}

async function documentOf (t: Test) {
  const app = await buildTestApp(t)
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi
  return { doc, operations: operationsOf(doc).map((o) => ({ ...o, op: o.operation as unknown as Operation })) }
}

/** Object schemas reachable from a schema, refs resolved once each. */
function objectSchemas (doc: OpenApi, root: Schema, seen = new Set<Schema>()): Schema[] {
  const schema = resolve(doc, root)
  if (seen.has(schema)) return []
  seen.add(schema)
  const children = [
    ...Object.values((schema['properties'] ?? {}) as Record<string, Schema>),
    ...[schema['items'], ...((schema['anyOf'] ?? []) as Schema[]), ...((schema['oneOf'] ?? []) as Schema[])].filter((s): s is Schema => s !== undefined && typeof s === 'object')
  ]
  return [schema, ...children.flatMap((child) => objectSchemas(doc, child, seen))]
}

t.test('no input that has a default, and no query parameter, is required', async (t) => {
  const { doc, operations } = await documentOf(t)
  const wrong: string[] = []
  let defaulted = 0
  for (const { name, op } of operations) {
    for (const parameter of op.parameters ?? []) {
      if (parameter.schema['default'] !== undefined) defaulted++
      if (parameter.in === 'path') continue
      if (parameter.required) wrong.push(`${name}: ${parameter.in} ${parameter.name} is required`)
    }
    for (const media of Object.values(op.requestBody?.content ?? {})) {
      for (const schema of objectSchemas(doc, media.schema)) {
        const properties = (schema['properties'] ?? {}) as Record<string, Schema>
        for (const key of (schema['required'] ?? []) as string[]) {
          if (properties[key]?.['default'] !== undefined) wrong.push(`${name}: body ${key} has a default but is required`)
        }
      }
    }
  }
  t.ok(defaulted >= 13, `${defaulted} parameters with a default (limit on every list)`)
  t.same(wrong, [])
})

t.test('every operation has a unique camelCase operationId', async (t) => {
  const { operations } = await documentOf(t)
  const ids = operations.map((o) => o.op.operationId)
  t.same(operations.filter((o) => !/^[a-z][A-Za-z0-9]+$/.test(o.op.operationId ?? '')).map((o) => o.name), [], 'present and camelCase')
  t.equal(new Set(ids).size, ids.length, 'unique')
  t.equal(operations.find((o) => o.name === 'GET /v1/skills')?.op.operationId, 'listSkills')
})

t.test('every response has a real description; 201s document Location', async (t) => {
  const { operations } = await documentOf(t)
  const wrong: string[] = []
  let created = 0
  for (const { name, op } of operations) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (!response.description || response.description === 'Default Response') wrong.push(`${name} ${status}: ${response.description}`)
      if (status === '201') {
        created++
        if (!response.headers?.['Location']) wrong.push(`${name} 201 without Location`)
      }
    }
  }
  t.ok(created >= 9, `${created} creating operations`)
  t.same(wrong, [])
})

t.test('operations with a body document 413 and 415; every problem lists its codes, the status default included', async (t) => {
  const { doc, operations } = await documentOf(t)
  const wrong: string[] = []
  for (const { name, op } of operations) {
    if (op.requestBody) for (const status of ['413', '415']) if (!op.responses[status]) wrong.push(`${name}: no ${status}`)
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 400) continue
      const schema = response.content?.['application/problem+json']?.schema
      const code = schema ? ((resolve(doc, schema)['properties'] ?? {}) as Record<string, Schema>)['code'] : undefined
      const codes = code?.['enum'] as string[] | undefined
      if (!codes?.includes(DEFAULT_CODES[status] ?? '?')) wrong.push(`${name} ${status}: code enum ${JSON.stringify(codes)}`)
    }
  }
  t.same(wrong, [])
  const codes = (name: string, status: string) => {
    const schema = operations.find((o) => o.name === name)!.op.responses[status]!.content!['application/problem+json']!.schema!
    return (schema['properties'] as Record<string, Schema>)['code']!['enum']
  }
  t.same(codes('GET /v1/bids/{id}', '409'), ['conflict', 'bids_sealed'])
  t.match(codes('POST /v1/orders/{id}/matches', '422'), ['rule_violation', 'seats_exceeded', 'idempotency_key_reused'])
})

/** A body's examples wherever the document holds them: the media type's example(s) or the schema's. */
const examplesOf = (doc: OpenApi, media: Media): unknown[] => [
  ...(media.example === undefined ? [] : [media.example]),
  ...Object.values(media.examples ?? {}).map((e) => e.value),
  ...((resolve(doc, media.schema)['examples'] ?? []) as unknown[])
]

t.test('every required request body has examples that its schema accepts, in realistic Chinese and coherent dates', async (t) => {
  const { doc, operations } = await documentOf(t)
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
  const wrong: string[] = []
  const strings: string[] = []
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value)
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect)
  }
  for (const { name, op } of operations) {
    const media = op.requestBody?.content['application/json']
    if (!media || op.requestBody?.required === false) continue
    const schema = media.schema
    const examples = examplesOf(doc, media)
    if (examples.length === 0) {
      wrong.push(`${name}: no examples`)
      continue
    }
    // The document's components travel with the schema, so its #/components/schemas refs resolve.
    const validate = ajv.compile({ allOf: [schema], components: doc.components })
    for (const example of examples) {
      if (!validate(example)) wrong.push(`${name}: example fails its schema: ${ajv.errorsText(validate.errors)}`)
      collect(example)
    }
  }
  t.same(wrong, [])
  t.same(strings.filter((s) => [...s].length < 2), [], 'no one-letter placeholder strings')
  const bodyExample = (name: string) => examplesOf(doc, operations.find((o) => o.name === name)!.op.requestBody!.content['application/json']!)[0] as Record<string, string>
  const example = bodyExample('POST /v1/orders')
  t.ok(['equipment', 'petrochemical', 'aluminum'].includes(example['allianceCode']!), 'a seeded alliance')
  t.match(example['title'], /\p{Script=Han}/u, 'a Chinese title')
  t.ok(example['bidDeadline']! < example['trainingStart']! && example['trainingStart']! < example['trainingEnd']!, 'deadline, then training start, then end')
  const bid = bodyExample('POST /v1/orders/{id}/bids')
  t.ok(bid['startDate']! >= example['trainingStart']! && bid['startDate']! <= example['trainingEnd']!, "the bid starts inside the order's training window")
})
