// What generated clients rely on in the OpenAPI document: optional defaulted inputs, operationIds, success descriptions, Location.
type Json = Record<string, unknown>

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch']
const GENERATED = 'Default Response'

type OperationEntry = { method: string, path: string, operation: Json }

function operationsOf (doc: Json): OperationEntry[] {
  const paths = (doc['paths'] ?? {}) as Record<string, Json>
  return Object.entries(paths).flatMap(([path, item]) => HTTP_METHODS
    .filter((method) => item[method] !== undefined)
    .map((method) => ({ method, path, operation: item[method] as Json })))
}

/** A property with a default is filled in by the server: the client need not send it. */
function dropDefaultedRequired (schema: unknown): void {
  if (schema === null || typeof schema !== 'object') return
  if (Array.isArray(schema)) {
    schema.forEach(dropDefaultedRequired)
    return
  }
  const node = schema as Json
  const properties = node['properties'] as Record<string, Json> | undefined
  if (Array.isArray(node['required']) && properties) {
    const required = (node['required'] as string[]).filter((key) => properties[key]?.['default'] === undefined)
    if (required.length > 0) node['required'] = required
    else delete node['required']
  }
  for (const value of Object.values(node)) dropDefaultedRequired(value)
}

/** Query, header and body inputs that have a default are optional (path parameters always stay required). */
export function optionalDefaults (doc: Json): void {
  for (const { operation } of operationsOf(doc)) {
    for (const parameter of (operation['parameters'] ?? []) as Json[]) {
      const schema = parameter['schema'] as Json | undefined
      if (parameter['in'] !== 'path' && schema?.['default'] !== undefined) delete parameter['required']
    }
    dropDefaultedRequired(operation['requestBody'])
  }
}

const words = (path: string) => path.replace(/^\/v1\//, '/').split(/[/{}-]+/).filter(Boolean)
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/** Routes that name no operationId get one from their method and path (`POST /v1/auth/login` → `postAuthLogin`). */
export function fallbackOperationIds (doc: Json): void {
  for (const { method, path, operation } of operationsOf(doc)) {
    operation['operationId'] ??= method + words(path).map(capital).join('')
  }
}

function refName (schema: Json | undefined): string | undefined {
  const ref = schema?.['$ref']
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined
}

const noun = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
const plural = (word: string) => word.endsWith('ch') ? `${word}es` : `${word}s`

/** A description for a success answer that the route did not describe, read off its method, status and schema. */
function successDescription (method: string, status: string, operation: Json, schema: Json | undefined): string {
  if (status === '204') return 'Done; no body'
  const items = ((schema?.['properties'] as Json | undefined)?.['items'] as Json | undefined)?.['items'] as Json | undefined
  const listed = refName(items)
  const single = refName(schema)
  const summary = String(operation['summary'] ?? 'Success')
  if (status === '201') return single ? `Created: the new ${noun(single)}; the Location header names it` : `Created (${summary}); the Location header names it`
  if (listed && schema?.['properties'] && 'nextCursor' in (schema['properties'] as Json)) return `A page of ${plural(noun(listed))}; nextCursor is null on the last page`
  if (listed) return `The ${plural(noun(listed))}`
  if (single && method === 'get') return `The ${noun(single)}`
  if (single) return `The ${noun(single)} as it is after this request`
  return summary
}

/** Replaces @fastify/swagger's "Default Response" on 2xx answers with a description of what comes back. */
export function describeSuccesses (doc: Json): void {
  for (const { method, operation } of operationsOf(doc)) {
    for (const [status, response] of Object.entries((operation['responses'] ?? {}) as Record<string, Json>)) {
      if (!status.startsWith('2') || (response['description'] !== GENERATED && response['description'] !== undefined)) continue
      const schema = ((response['content'] as Record<string, Json> | undefined)?.['application/json'])?.['schema'] as Json | undefined
      response['description'] = successDescription(method, status, operation, schema)
    }
  }
}

export const locationHeader = {
  description: 'Where the created resource is read (a path under /v1)',
  schema: { type: 'string', format: 'uri-reference', maxLength: 300, examples: ['/v1/orders/0194f3b2-8c1e-7a55-9e2b-3f6d1c0a7b21'] }
}

/** Every 201 answer documents the Location header that the location plugin sets. */
export function documentLocations (doc: Json): void {
  for (const { operation } of operationsOf(doc)) {
    const created = ((operation['responses'] ?? {}) as Record<string, Json>)['201']
    if (!created) continue
    const headers = (created['headers'] ??= {}) as Json
    headers['Location'] = locationHeader
  }
}

/** Applies every adjustment above to the generated document, in place. */
export function finishContract (doc: Json): void {
  optionalDefaults(doc)
  fallbackOperationIds(doc)
  describeSuccesses(doc)
  documentLocations(doc)
}
