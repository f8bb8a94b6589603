// Fuzzing from the app's own OpenAPI document: valid input is never a 5xx or a 400, near-valid input is always a 400.
import t from 'tap'
import fc from 'fast-check'
import { buildTestApp, marketFixture, loginAdmin, registerOrg, uniqueEmail, PASSWORD, type TestApp } from '../helper.ts'
import { operationsOf, arbitraryFor, nearValidVariants, undocumentedKeys, needsToken, resolve, type OpenApi, type OperationEntry, type Parameter, type Schema } from './openapi-tools.ts'

const VALID_RUNS = Number(process.env['FUZZ_RUNS'] ?? 6)
const NEAR_VALID_RUNS = Number(process.env['FUZZ_RUNS'] ?? 6)
/** Refusals that valid input may get for business reasons; 401 only where the body itself carries credentials. */
const BUSINESS_REFUSALS = new Set([403, 404, 409, 422, 429])
const CREDENTIAL_ROUTES = new Set(['POST /v1/auth/login', 'POST /v1/auth/refresh', 'POST /v1/auth/password'])
/** Ending sessions would spoil the shared tokens: these run on a session of their own, every time. */
const SESSION_ENDING = new Set(['POST /v1/auth/logout', 'POST /v1/auth/password'])

type Actor = { name: string, token: string | null, [fc.toStringMethod]?: () => string }
type Input = { actor: Actor, params: Record<string, string>, query: Record<string, unknown>, body: unknown }

/** Ids and codes that exist, so that fuzzed requests reach past the first 404. */
async function idPool (app: TestApp): Promise<{ ids: string[], codes: string[] }> {
  const tables = app.data.engine === 'sqlite'
    ? await app.data.all<{ name: string }>("select m.name from sqlite_master m where m.type = 'table' and exists (select 1 from pragma_table_info(m.name) c where c.name = 'id')")
    : await app.data.all<{ name: string }>("select table_name as name from information_schema.columns where table_schema = current_schema() and column_name = 'id'")
  const ids: string[] = []
  for (const { name } of tables) {
    // Ids are UUIDv7: the highest are the newest rows.
    for (const row of await app.data.all<{ id: unknown }>(`select id from "${name}" order by id desc limit 8`)) {
      if (typeof row.id === 'string') ids.push(row.id)
    }
  }
  const codes = (await app.data.all<{ code: string }>('select code from alliances')).map((r) => r.code)
  return { ids, codes }
}

function paramsArbitrary (doc: OpenApi, parameters: Parameter[], pool: { ids: string[], codes: string[] }) {
  const model: Record<string, fc.Arbitrary<string>> = {}
  for (const p of parameters.filter((x) => x.in === 'path')) {
    const generated = arbitraryFor(doc, p.schema).map(String)
    // A year is a number from its schema alone; codes and ids come from the pool.
    const known = p.name === 'code' ? pool.codes : p.name === 'year' ? [] : pool.ids
    model[p.name] = known.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated }) : generated
  }
  return fc.record(model)
}

/** Query values the schema allows; `cursor` and `after` are left out: they are opaque, and only cursors the API returned are valid. */
function queryArbitrary (doc: OpenApi, parameters: Parameter[]) {
  const query = parameters.filter((p) => p.in === 'query' && p.name !== 'cursor' && p.name !== 'after')
  const model = Object.fromEntries(query.map((p) => [p.name, arbitraryFor(doc, p.schema)]))
  return fc.record(model, { requiredKeys: query.filter((p) => p.required).map((p) => p.name) })
}

function urlOf (path: string, params: Record<string, string>, query: Record<string, unknown>) {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? 'missing'))
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()
  return search ? `${filled}?${search}` : filled
}

async function send (app: TestApp, entry: OperationEntry, input: Input) {
  let token = input.actor.token
  if (SESSION_ENDING.has(entry.name)) {
    // From an address of its own: the fuzzed logins may have used up the test address's failure budget.
    const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: SESSION_USER.email, password: PASSWORD }, remoteAddress: '198.51.100.250' })
    token = res.json().accessToken
  }
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  const hasBody = input.body !== undefined
  if (hasBody) headers['content-type'] = 'application/json'
  const method = entry.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  return app.inject({ method, url: urlOf(entry.path, input.params, input.query), headers, ...(hasBody ? { payload: JSON.stringify(input.body) } : {}) })
}

const SESSION_USER = { email: '' }

t.test('every operation, fuzzed from the OpenAPI document', async (t) => {
  const app = await buildTestApp(t, { WRITE_RATE_LIMIT: '0' })
  const market = await marketFixture(app)
  const admin = await loginAdmin(app)
  SESSION_USER.email = uniqueEmail('fuzz-session')
  await registerOrg(app, 'enterprise', { email: SESSION_USER.email })
  // Counterexamples print the role, not the token.
  const actor = (name: string, token: string): Actor => ({ name, token, [fc.toStringMethod]: () => name })
  const actors: Actor[] = [
    actor('admin', admin.token),
    actor('coordinator', market.coordinator.token),
    actor('enterprise', market.enterprise.token),
    actor('college', market.college.token)
  ]
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi
  const operations = operationsOf(doc)
  t.ok(operations.length >= 15, `${operations.length} operations`)

  for (const entry of operations) {
    const { operation } = entry
    const parameters = operation.parameters ?? []
    const bodySchema = operation.requestBody?.content['application/json']?.schema as Schema | undefined
    const pool = await idPool(app)
    const inputs = fc.record({
      actor: needsToken(operation) ? fc.constantFrom(...actors) : fc.constant<Actor>({ name: 'anonymous', token: null }),
      params: paramsArbitrary(doc, parameters, pool),
      query: queryArbitrary(doc, parameters),
      body: bodySchema ? arbitraryFor(doc, bodySchema) : fc.constant(undefined)
    })

    const valid = fc.asyncProperty(inputs, async (input) => {
      const res = await send(app, entry, input as Input)
      const allowed = (res.statusCode >= 200 && res.statusCode < 300) || BUSINESS_REFUSALS.has(res.statusCode) || (res.statusCode === 401 && CREDENTIAL_ROUTES.has(entry.name))
      if (!allowed) throw new Error(`${input.actor.name} got ${res.statusCode}: ${res.body.slice(0, 300)}`)
      const documented = operation.responses[String(res.statusCode)]?.content?.['application/json']?.schema
      if (res.statusCode < 300 && documented && res.body.length > 0 && String(res.headers['content-type']).includes('json')) {
        const extra = undocumentedKeys(doc, documented, res.json())
        if (extra.length > 0) throw new Error(`undocumented keys in ${res.statusCode}: ${extra.slice(0, 5).join(', ')}`)
      }
    })
    try {
      await fc.assert(valid, { numRuns: VALID_RUNS, endOnFailure: true })
      t.pass(`${entry.name}: valid input`)
    } catch (error) {
      t.fail(`${entry.name}: valid input: ${explain(error)}`)
    }

    const nearValid = nearValidInputs(doc, entry, inputs, bodySchema)
    if (!nearValid) continue
    const refused = fc.asyncProperty(nearValid, async (input) => {
      const res = await send(app, entry, input)
      if (res.statusCode !== 400) throw new Error(`${input.actor.name} got ${res.statusCode} for ${JSON.stringify(input.body ?? input.query).slice(0, 200)}: ${res.body.slice(0, 200)}`)
    })
    try {
      await fc.assert(refused, { numRuns: NEAR_VALID_RUNS, endOnFailure: true })
      t.pass(`${entry.name}: near-valid input`)
    } catch (error) {
      t.fail(`${entry.name}: near-valid input: ${explain(error)}`)
    }
  }
})

/** The failing request and what the server answered, from a fast-check report. */
function explain (error: unknown): string {
  const cause = (error as { cause?: unknown }).cause
  const message = (error as Error).message
  const counterexample = /Counterexample: (.*?) Shrunk/s.exec(message)?.[1] ?? message
  return `${cause instanceof Error ? cause.message : ''}\n  input: ${counterexample.slice(0, 1200)}`
}

/** Valid inputs with one thing broken: the body when there is one, otherwise one query value. */
function nearValidInputs (doc: OpenApi, entry: OperationEntry, inputs: fc.Arbitrary<unknown>, bodySchema: Schema | undefined): fc.Arbitrary<Input> | undefined {
  if (bodySchema) {
    return fc.tuple(inputs, fc.nat()).map(([raw, pick]) => {
      const input = raw as Input
      const variants = nearValidVariants(doc, bodySchema, input.body ?? {})
      return { ...input, body: variants[pick % variants.length] }
    })
  }
  const broken = (entry.operation.parameters ?? []).filter((p) => p.in === 'query').flatMap((p) => {
    const schema = resolve(doc, p.schema)
    const values: unknown[] = []
    if (Array.isArray(schema['enum'])) values.push('not-one-of-them')
    if (schema['type'] === 'integer') values.push('abc', Number(schema['maximum'] ?? 1e9) + 1)
    if (schema['format'] === 'date') values.push('2027-13-45')
    if (typeof schema['maxLength'] === 'number') values.push('x'.repeat(schema['maxLength'] + 1))
    return values.map((value) => ({ name: p.name, value }))
  })
  if (broken.length === 0) return undefined
  return fc.tuple(inputs, fc.constantFrom(...broken)).map(([raw, { name, value }]) => {
    const input = raw as Input
    return { ...input, query: { ...input.query, [name]: value } }
  })
}
